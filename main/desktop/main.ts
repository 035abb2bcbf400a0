/**
 * Electron's entry point, bundled to dist/desktop/main.cjs by
 * scripts/build-desktop.mjs. The only file that loads Electron itself. The
 * store lives in a utility process (backend.cjs) so that synchronous SQLite
 * and parsing never hold up the main process.
 */
import { join } from 'node:path';
import { startDesktop } from './app';
import { connectBackend } from './backend-client';
import type { ElectronLike } from './electron-types';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const electron = require('electron') as ElectronLike;
const log = (message: string) => process.stderr.write(message + '\n');

// The bundles live in <app>/dist/desktop; the renderer in <app>/dist/renderer.
const appRoot = electron.app.getAppPath();
startDesktop(
  electron,
  {
    staticDir: join(appRoot, 'dist', 'renderer'),
    preloadPath: join(__dirname, 'preload.cjs'),
    templatesDir: join(appRoot, 'resources', 'templates'),
  },
  {
    startBackend: (init) =>
      connectBackend(
        () =>
          electron.utilityProcess.fork(join(__dirname, 'backend.cjs'), [], {
            serviceName: 'Keel back end',
            stdio: 'inherit',
          }),
        init,
        log,
      ),
    log,
  },
);
