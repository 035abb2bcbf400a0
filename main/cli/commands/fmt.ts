import { chmodSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { Lexer } from 'yaml';
import { writeModel } from '../../../shared/write';
import type { CommandState } from '../index';
import { CliError, EXIT_FAIL, type Io } from '../io';
import { ModelFileRun } from './validate';

const MODELINE = /^#\s*yaml-language-server:\s*\$schema=(\S+)/;

/**
 * `keel fmt FILE... [--check]`: rewrites valid files to the canonical form
 * (atomically: a temporary file renamed over the original). Invalid files are
 * reported as by validate and left alone. `--check` writes nothing and exits
 * 1 when a file would change.
 */
export function registerFmt(program: Command, io: Io, state: CommandState): void {
  program
    .command('fmt')
    .description('rewrite model files in canonical form; --check only reports files that would change (exit 1)')
    .argument('<files...>', 'model files (*.keel.yaml)')
    .option('--check', 'write nothing; exit 1 when a file is not in canonical form')
    .action((files: string[], options: { check?: boolean }) => {
      const run = new ModelFileRun(io);
      for (const file of files) {
        const read = run.read(file);
        if (!read) continue;
        const text = new TextDecoder().decode(read.bytes);
        const schemaUrl = MODELINE.exec(text.replace(/^\uFEFF/, ''))?.[1];
        const canonical = writeModel(read.result.model!, schemaUrl ? { schemaUrl } : {});
        if (canonical === text) continue;
        if (options.check) {
          io.out(`${file}: not in canonical form (run keel fmt ${file})`);
          run.fail(EXIT_FAIL);
          continue;
        }
        const dropped = countComments(text) - (schemaUrl ? 1 : 0);
        writeAtomically(file, canonical);
        io.out(`formatted ${file}`);
        if (dropped > 0) io.err(`keel: ${file}: ${dropped} comment${dropped === 1 ? '' : 's'} dropped (the canonical form keeps only the $schema line)`);
      }
      state.exitCode = run.exitCode;
    });
}

function countComments(text: string): number {
  let n = 0;
  for (const token of new Lexer().lex(text)) if (token.startsWith('#')) n++;
  return n;
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
