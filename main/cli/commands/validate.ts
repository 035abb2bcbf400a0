import type { Command } from 'commander';
import type { ParseResult } from '../../../shared/parse';
import type { CommandState } from '../index';
import { CliError, EXIT_FAIL, EXIT_OK, EXIT_USAGE, problemLine, readModelBytes, type Io } from '../io';

/** `keel validate FILE...`: exit 0 when all are valid, else 1 and one `FILE:LINE:COL: message` line per problem. */
export function registerValidate(program: Command, io: Io, state: CommandState): void {
  program
    .command('validate')
    .description('check model files; prints FILE:LINE:COL: message per problem (exit 1), nothing when valid (exit 0)')
    .argument('<files...>', 'model files (*.keel.yaml)')
    .action(async (files: string[]) => {
      const run = await ModelFileRun.start(io);
      for (const file of files) run.read(file);
      state.exitCode = run.exitCode;
    });
}

/**
 * Reading model files for validate and fmt: every file is read and parsed,
 * problems are printed as FILE:LINE:COL lines, unreadable files as one
 * `keel: ...` line each; the exit code says the worst that happened.
 */
export interface ReadFile {
  file: string;
  bytes: Uint8Array;
  result: ParseResult;
}

type ParseBytes = typeof import('../../../shared/parse').parseModelBytes;

export class ModelFileRun {
  exitCode = EXIT_OK;

  constructor(
    private readonly io: Io,
    private readonly parseModelBytes: ParseBytes,
  ) {}

  /** Loads the parser (zod, yaml) only when a command reads model files. */
  static async start(io: Io): Promise<ModelFileRun> {
    const { parseModelBytes } = await import('../../../shared/parse');
    return new ModelFileRun(io, parseModelBytes);
  }

  /** The parsed file, or undefined after reporting why it could not be read or is invalid. */
  read(file: string): ReadFile | undefined {
    let bytes: Uint8Array;
    try {
      bytes = readModelBytes(file);
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      this.io.err(`keel: ${err.message}`);
      this.fail(EXIT_USAGE);
      return undefined;
    }
    const result = this.parseModelBytes(bytes, file);
    if (result.problems.length > 0) {
      for (const p of result.problems) this.io.out(problemLine(p));
      this.fail(EXIT_FAIL);
      return undefined;
    }
    return { file, bytes, result };
  }

  /** Unreadable files (2) outrank invalid ones (1). */
  fail(code: number): void {
    this.exitCode = Math.max(this.exitCode, code);
  }
}
