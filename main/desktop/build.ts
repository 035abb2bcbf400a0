/**
 * Bundling the desktop shell (scripts/build-desktop.mjs runs this): main, the
 * back end (utility process) and the preload each become one CommonJS file in
 * dist/desktop. Electron and the
 * native better-sqlite3 addon stay external (the addon is unpacked from the
 * asar by electron.config.ts). The preload is sandboxed, so it may require
 * nothing but `electron`.
 */
import { build, type BuildOptions } from 'esbuild';
import { join } from 'node:path';

export const DESKTOP_EXTERNALS = ['electron', 'better-sqlite3'];

export interface DesktopBuild {
  main: BuildOptions;
  backend: BuildOptions;
  preload: BuildOptions;
}

export function desktopBuildOptions(root: string, outDir = join(root, 'dist', 'desktop')): DesktopBuild {
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: DESKTOP_EXTERNALS,
    logLevel: 'warning',
    legalComments: 'none',
  };
  // Modules that locate files with import.meta.url (main/templates) get the bundle's own URL.
  const importMetaUrl: BuildOptions = {
    define: { 'import.meta.url': '__keelImportMetaUrl' },
    banner: { js: "const __keelImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
  return {
    main: {
      ...common,
      ...importMetaUrl,
      entryPoints: [join(root, 'main', 'desktop', 'main.ts')],
      outfile: join(outDir, 'main.cjs'),
      sourcemap: 'linked',
    },
    backend: {
      ...common,
      ...importMetaUrl,
      entryPoints: [join(root, 'main', 'desktop', 'backend-main.ts')],
      outfile: join(outDir, 'backend.cjs'),
      sourcemap: 'linked',
    },
    preload: {
      ...common,
      entryPoints: [join(root, 'main', 'desktop', 'preload.ts')],
      outfile: join(outDir, 'preload.cjs'),
      external: ['electron'],
    },
  };
}

export async function buildDesktop(
  root: string,
  outDir?: string,
): Promise<{ main: string; backend: string; preload: string }> {
  const options = desktopBuildOptions(root, outDir);
  await Promise.all([build(options.main), build(options.backend), build(options.preload)]);
  return { main: options.main.outfile!, backend: options.backend.outfile!, preload: options.preload.outfile! };
}
