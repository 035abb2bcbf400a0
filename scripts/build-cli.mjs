// `npm run build:cli` (also run by `prepare` and `build`): bundles the `keel`
// command into dist/cli/keel.mjs (main/cli/build.ts); bin/keel.mjs uses it
// while it is fresh and runs the sources through tsx otherwise.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const { buildCli } = await import('../main/cli/build.ts');
const root = fileURLToPath(new URL('..', import.meta.url));
const out = await buildCli(root);
console.log(`keel: built ${out.entry} (${out.inputs} inputs)`);
