#!/usr/bin/env node
// The `keel` command. It runs the bundle that `npm install` (prepare) and
// `npm run build:cli` write to dist/cli/keel.mjs while that bundle is newer
// than every file it was built from, and the TypeScript sources through tsx
// otherwise: an edited source never runs stale, and a checkout without the
// bundle still works. KEEL_CLI=tsx forces the sources, KEEL_CLI=bundle the
// bundle (bench/cli.bench.ts compares them).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cliBundleIsFresh, cliBundlePath } from './cli-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const mode = process.env.KEEL_CLI;
let main;
if (mode === 'bundle' || (mode !== 'tsx' && cliBundleIsFresh(root))) {
  ({ main } = await import(pathToFileURL(cliBundlePath(root)).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../main/cli/index.ts'));
}
process.exitCode = await main(process.argv.slice(2));
