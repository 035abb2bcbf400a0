// `npm run build:desktop`: bundles the Electron main process, its back end
// (utility process) and the preload into dist/desktop/{main,backend,preload}.cjs
// (main/desktop/build.ts).
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const { buildDesktop } = await import('../main/desktop/build.ts');
const root = fileURLToPath(new URL('..', import.meta.url));
const out = await buildDesktop(root);
console.log(`keel: built ${out.main}, ${out.backend} and ${out.preload}`);
