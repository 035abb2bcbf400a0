export { startServer, type RunningServer, type ServerOptions } from './server';
export { startStudio, defaultDbPath, InvalidModelFileError, type RunningStudio, type StudioOptions } from './serve';
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './security';
