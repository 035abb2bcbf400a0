/**
 * `keel export FILE --out DIR` (model-format.md sections 7 and 8): writes the
 * design package into DIR and nothing outside it. Invalid model: one
 * FILE:LINE:COL line per problem, exit 1. Unreadable file, bad --out or a
 * folder that cannot be written: one line, exit 2.
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandState } from '../index';
import { CliError, EXIT_FAIL, EXIT_OK, EXIT_USAGE, readModelFile, type Io } from '../io';

function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export function registerExport(program: Command, io: Io, state: CommandState): void {
  program
    .command('export')
    .description(
      'Write the design package (OpenAPI, AsyncAPI, Protobuf, SQL, JSON Schema, diagrams, report, ADRs) into a folder.',
    )
    .argument('<file>', 'the *.keel.yaml model file')
    .requiredOption('-o, --out <dir>', 'the folder to write the package into (created when missing)')
    .action(async (file: string, opts: { out: string }) => {
      if (!opts.out.trim()) throw new CliError('export: --out needs a folder');
      // The layout worker starts before anything heavy loads: ELK loads in it while this
      // thread loads the exporters (only this command does) and parses the model.
      const { sharedWorkerElk } = await import('../../export/worker-elk');
      sharedWorkerElk();
      const { buildPackage } = await import('../../export/build-package');
      const { parseModel } = await import('../../../shared/parse');
      const { PackagePathError, writePackageFiles } = await import('../../export/write-package');
      const text = readModelFile(file);
      const parsed = parseModel(text, file);
      if (!parsed.model) {
        for (const p of parsed.problems) io.err(`${p.file}:${p.line}:${p.col}: ${p.message}`);
        state.exitCode = EXIT_FAIL;
        return;
      }
      const { files } = await buildPackage(parsed.model, {
        source: text,
        locate: parsed.locate,
        toolVersion: toolVersion(),
      });
      const outDir = resolve(io.cwd, opts.out);
      let result;
      try {
        result = writePackageFiles(files, outDir);
      } catch (err) {
        if (err instanceof PackagePathError) throw new CliError(`export: ${err.message}`, EXIT_USAGE);
        const e = err as NodeJS.ErrnoException;
        if (e.code && e.path) throw new CliError(`export: cannot write ${e.path} (${e.code})`, EXIT_USAGE);
        if (e.code) throw new CliError(`export: cannot write into ${opts.out} (${e.code})`, EXIT_USAGE);
        throw err;
      }
      const bytes = result.files.reduce((s, f) => s + f.bytes, 0);
      io.out(`Wrote ${result.files.length} files (${(bytes / 1024).toFixed(1)} KiB) to ${opts.out}`);
      if (result.removed.length)
        io.out(`Removed ${result.removed.length} files of the earlier export: ${result.removed.join(', ')}`);
      if (result.kept.length)
        io.out(
          `Kept ${result.kept.length} files of the earlier export that were edited since: ${result.kept.join(', ')}`,
        );
      state.exitCode = EXIT_OK;
    });
}
