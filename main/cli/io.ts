/**
 * What every CLI command shares: exit codes, the one-line usage error, reading
 * a model file within the size limit, and colour only on a terminal.
 */
import { readFileSync, statSync } from 'node:fs';

export const EXIT_OK = 0;
/** Invalid model, or findings at/above --fail-on, or `fmt --check` would change a file. */
export const EXIT_FAIL = 1;
/** Usage errors and unreadable files. */
export const EXIT_USAGE = 2;

/** Model files up to 20 MiB are accepted (model-format.md section 7). */
export const MAX_MODEL_BYTES = 20 * 1024 * 1024;

/** A failure meant for the user: printed as one line, never with a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stdout is a terminal and NO_COLOR is unset. */
  color: boolean;
  cwd: string;
}

export const processIo = (): Io => ({
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
  cwd: process.cwd(),
});

/** Reads a model file as UTF-8 text, refusing what is missing, a folder, too large or binary. */
export function readModelFile(file: string): string {
  return readModelBytes(file).toString('utf8');
}

/** Reads a model file as bytes (for strict UTF-8 decoding), with the same refusals as readModelFile. */
export function readModelBytes(file: string): Buffer {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new CliError(`${file}: is a directory, not a model file`);
    size = st.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${file}: cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (size > MAX_MODEL_BYTES) {
    throw new CliError(`${file}: file is ${(size / 1048576).toFixed(1)} MiB; model files are limited to 20 MiB`);
  }
  try {
    return readFileSync(file);
  } catch (err) {
    throw new CliError(`${file}: cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** `FILE:LINE:COL: message`, the one format every command reports model problems in (model-format.md section 7). */
export function problemLine(p: { file: string; line: number; col: number; message: string }): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}

const codes = { red: 31, yellow: 33, blue: 34, green: 32, dim: 2, bold: 1 } as const;
export function paint(io: Io, style: keyof typeof codes, text: string): string {
  return io.color ? `\u001b[${codes[style]}m${text}\u001b[0m` : text;
}
