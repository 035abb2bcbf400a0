/** The local store: import from here, not from the files behind it. */
export * from './types';
export { createMemoryStore } from './memory-store';
export { openSqliteStore, type SqliteStore, type SqliteStoreOptions, type StoreDiagnostics } from './sqlite-store';
export { SCHEMA_VERSION, type MigrationReport } from './migrations';
export { exportFile, exportFileName, importFile, modelNameFromFileName, writeFileAtomic, type ImportInput } from './model-files';
