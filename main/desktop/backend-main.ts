/**
 * Entry of the back end utility process (bundled to dist/desktop/backend.cjs):
 * the store and every contract operation except the dialogs.
 */
import { templateSource } from '../services/template-source';
import { openSqliteStore } from '../store/sqlite-store';
import { runBackendHost } from './backend-host';
import type { ParentPortLike } from './backend-protocol';

const port = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!port) {
  process.stderr.write('keel: backend.cjs runs only as an Electron utility process\n');
  process.exit(2);
}
runBackendHost(port, {
  openStore: (path) => openSqliteStore(path),
  templates: templateSource,
  exit: (code) => process.exit(code),
  log: (message) => process.stderr.write(message + '\n'),
});
