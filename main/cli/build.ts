/**
 * Bundling the `keel` command (scripts/build-cli.mjs runs this at `prepare`
 * and `build`): main/cli/index.ts becomes dist/cli/keel.mjs plus chunks that
 * only the commands needing them load (the exporters, the server, the store).
 * Node then reads a few files instead of compiling hundreds of TypeScript
 * modules through tsx on every start.
 *
 * The native better-sqlite3 addon and ELK (1.5 MB, loaded by its worker
 * thread, main/export/elk-worker.mjs) stay external. bin/keel.mjs uses the
 * bundle only while it is fresh: newer than every input listed in
 * dist/cli/inputs.json (the sources and package-lock.json).
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

export const CLI_EXTERNALS = ['better-sqlite3', 'elkjs', 'electron'];
/** Written beside the bundle; bin/keel.mjs compares its inputs' mtimes with the bundle's. */
export const CLI_INPUTS_FILE = 'inputs.json';

const toPosix = (p: string) => p.split(sep).join('/');

/**
 * Every chunk lives in outDir, not where its sources did, so a module that
 * finds files beside itself (`new URL('../../package.json', import.meta.url)`,
 * the ELK worker script, the templates) gets its source file's URL, computed
 * from the chunk's own: the bundle keeps working when the checkout moves.
 */
export function sourceImportMetaUrl(root: string, outDir: string): Plugin {
  return {
    name: 'keel-source-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
        const rel = toPosix(relative(outDir, args.path));
        const url = `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
        return { contents: text.replaceAll('import.meta.url', url), loader: 'ts', resolveDir: dirname(args.path) };
      });
    },
  };
}

export function cliBuildOptions(root: string, outDir = join(root, 'dist', 'cli')): BuildOptions {
  return {
    entryPoints: { keel: join(root, 'main', 'cli', 'index.ts') },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    // Chunks stay in outDir itself: sourceImportMetaUrl computes paths from there.
    chunkNames: '[name]-[hash]',
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: CLI_EXTERNALS,
    // CommonJS dependencies (commander) call require() for Node's built-ins.
    banner: {
      js: "import { createRequire as __keelCreateRequire } from 'node:module'; const require = __keelCreateRequire(import.meta.url);",
    },
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
    plugins: [sourceImportMetaUrl(root, outDir)],
  };
}

export async function buildCli(
  root: string,
  outDir = join(root, 'dist', 'cli'),
): Promise<{ entry: string; inputs: number }> {
  rmSync(outDir, { recursive: true, force: true });
  const result = await build(cliBuildOptions(root, outDir));
  const inputs = Object.keys(result.metafile!.inputs)
    .map(toPosix)
    .filter((p) => !p.startsWith('node_modules/'));
  // Dependencies: npm install rewrites the lock file (and prepare rebuilds).
  inputs.push('package-lock.json');
  writeFileSync(join(outDir, CLI_INPUTS_FILE), JSON.stringify({ inputs: [...new Set(inputs)].sort() }, null, 1) + '\n');
  return { entry: join(outDir, 'keel.mjs'), inputs: inputs.length };
}
