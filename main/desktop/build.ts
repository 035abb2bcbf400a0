/**
 * Bundling the desktop shell (scripts/build-desktop.mjs runs this): main and
 * preload each become one CommonJS file in dist/desktop. Electron and the
 * native better-sqlite3 addon stay external (the addon is unpacked from the
 * asar by electron.config.ts). The preload is sandboxed, so it may require
 * nothing but `electron`.
 */
import { build, type BuildOptions } from 'esbuild';
import { join } from 'node:path';

export const DESKTOP_EXTERNALS = ['electron', 'better-sqlite3'];

export function desktopBuildOptions(
  root: string,
  outDir = join(root, 'dist', 'desktop'),
): { main: BuildOptions; preload: BuildOptions } {
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: DESKTOP_EXTERNALS,
    logLevel: 'warning',
    legalComments: 'none',
  };
  return {
    main: {
      ...common,
      entryPoints: [join(root, 'main', 'desktop', 'main.ts')],
      outfile: join(outDir, 'main.cjs'),
      sourcemap: 'linked',
      // Modules that locate files with import.meta.url (main/templates) get the bundle's own URL.
      define: { 'import.meta.url': '__keelImportMetaUrl' },
      banner: { js: "const __keelImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    },
    preload: {
      ...common,
      entryPoints: [join(root, 'main', 'desktop', 'preload.ts')],
      outfile: join(outDir, 'preload.cjs'),
      external: ['electron'],
    },
  };
}

export async function buildDesktop(root: string, outDir?: string): Promise<{ main: string; preload: string }> {
  const options = desktopBuildOptions(root, outDir);
  await Promise.all([build(options.main), build(options.preload)]);
  return { main: options.main.outfile!, preload: options.preload.outfile! };
}
