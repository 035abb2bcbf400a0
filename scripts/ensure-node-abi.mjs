// better-sqlite3 is compiled for one ABI at a time: Electron's after `npm start`,
// Node's for the CLI and tests. Rebuild for Node when the addon does not load.
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
} catch (err) {
  if (!/NODE_MODULE_VERSION|was compiled against a different Node/.test(String(err))) throw err;
  console.log('keel: rebuilding better-sqlite3 for Node', process.versions.node);
  execSync('npm rebuild better-sqlite3 --build-from-source', { stdio: 'inherit' });
}
