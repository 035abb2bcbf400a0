import { chmodSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import type { Model } from '../../../shared/model/types';
import type { CommandState } from '../index';
import { CliError, EXIT_FAIL, type Io } from '../io';
import { ModelFileRun } from './validate';

/**
 * `keel fmt FILE... [--check]`: rewrites valid files to the canonical form,
 * keeping every comment (formatModelText), atomically: a temporary file
 * renamed over the original. Invalid files are reported as by validate and
 * left alone. `--check` writes nothing and exits 1 when a file would change.
 */
export function registerFmt(program: Command, io: Io, state: CommandState): void {
  program
    .command('fmt')
    .description(
      'rewrite model files in canonical form, keeping comments; --check only reports files that would change (exit 1)',
    )
    .argument('<files...>', 'model files (*.keel.yaml)')
    .option('--check', 'write nothing; exit 1 when a file is not in canonical form')
    .action(async (files: string[], options: { check?: boolean }) => {
      const run = await ModelFileRun.start(io);
      const tools = { ...(await import('../../../shared/parse')), ...(await import('../../../shared/write')) };
      for (const file of files) {
        const read = run.read(file);
        if (!read) continue;
        const text = new TextDecoder().decode(read.bytes);
        const formatted = canonicalText(tools, text, read.result.model!);
        if (formatted === undefined) {
          io.err(
            `keel: ${file}: cannot format this file (its canonical form would not read back as the same model); left unchanged`,
          );
          run.fail(EXIT_FAIL);
          continue;
        }
        if (formatted === text) continue;
        if (options.check) {
          io.out(`${file}: not in canonical form (run keel fmt ${file})`);
          run.fail(EXIT_FAIL);
          continue;
        }
        writeAtomically(file, formatted);
        io.out(`formatted ${file}`);
      }
      state.exitCode = run.exitCode;
    });
}

/** The first line `writeModel(model, { schemaUrl })` writes. */
const MODELINE = /^# yaml-language-server: \$schema=(\S+)\n/;

/** The file's canonical text, or undefined when formatting would change the model (then nothing is written). */
type FormatTools = Pick<typeof import('../../../shared/parse'), 'parseModel'> &
  Pick<typeof import('../../../shared/write'), 'deepEqual' | 'formatModelText' | 'writeModel'>;

function canonicalText(
  { parseModel, deepEqual, formatModelText, writeModel }: FormatTools,
  text: string,
  model: Model,
): string | undefined {
  // A text the canonical writer wrote is canonical already (formatModelText returns it unchanged) and is quick to check.
  const schemaUrl = MODELINE.exec(text)?.[1];
  if (writeModel(model, schemaUrl ? { schemaUrl } : {}) === text) return text;
  let formatted: string;
  try {
    formatted = formatModelText(text);
  } catch {
    return undefined;
  }
  const again = parseModel(formatted, 'formatted');
  return again.problems.length === 0 && deepEqual(again.model, model) ? formatted : undefined;
}

/** Writes beside the target and renames over it, so a crash never leaves half a file. */
function writeAtomically(file: string, text: string): void {
  const target = realpathSync(file);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    chmodSync(tmp, statSync(target).mode & 0o7777);
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new CliError(`${file}: cannot write file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
