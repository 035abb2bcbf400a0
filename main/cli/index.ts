/**
 * The `keel` command line. Each command lives in commands/<name>.ts and
 * registers itself on the program; this file only wires them and turns every
 * failure into a one-line message with exit code 1 or 2 (never a stack trace).
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { CliError, EXIT_USAGE, processIo, type Io } from './io';
import { registerAnalyze } from './commands/analyze';
import { registerExport } from './commands/export';
import { registerFmt } from './commands/fmt';
import { registerNew } from './commands/new';
import { registerServe } from './commands/serve';
import { registerValidate } from './commands/validate';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export type ExitCode = number;
/** A command's action: sets `state.exitCode`; throws CliError for user-facing failures. */
export interface CommandState {
  exitCode: ExitCode;
}

export function buildProgram(io: Io, state: CommandState): Command {
  const program = new Command('keel')
    .description('Model a backend system, see where it breaks, export its design package.')
    .version(version(), '-v, --version')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, '')),
      writeErr: (s) => io.err(s.replace(/\n$/, '')),
      // commander prints "error: ..." itself; keep it to one line.
      outputError: (s, write) => write(s.split('\n')[0] ?? s),
    });
  registerValidate(program, io, state);
  registerFmt(program, io, state);
  registerNew(program, io, state);
  registerAnalyze(program, io, state);
  registerExport(program, io, state);
  registerServe(program, io, state);
  return program;
}

export async function main(argv: string[], io: Io = processIo()): Promise<ExitCode> {
  const state: CommandState = { exitCode: 0 };
  const program = buildProgram(io, state);
  if (argv.length === 0) {
    io.out(program.helpInformation());
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version "fail" with exit code 0.
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (err instanceof CliError) {
      io.err(`keel: ${err.message}`);
      return err.exitCode;
    }
    // A bug, not bad input: still one line, but say so.
    io.err(`keel: internal error: ${err instanceof Error ? err.message : String(err)}`);
    return EXIT_USAGE;
  }
}
