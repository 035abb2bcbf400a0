import type { Command } from 'commander';
import type { CommandState } from '../index';
import { CliError, EXIT_FAIL, readModelFile, type Io } from '../io';

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new CliError(`serve: --port must be a number from 0 to 65535, not ${value}`);
  return n;
}

/** `keel serve [FILE] [--port N] [--db PATH]`: the studio in the browser, on 127.0.0.1 only. */
export function registerServe(program: Command, io: Io, state: CommandState): void {
  program
    .command('serve')
    .description('Run the studio in your browser (127.0.0.1 only, behind a random token); FILE opens that model')
    .argument('[file]', 'a .keel.yaml model to open (imported into the store)')
    .option('--port <n>', 'port to listen on (default: a free one)', parsePort)
    .option('--db <path>', 'the store (default: $XDG_DATA_HOME/keel/keel.db or ~/.local/share/keel/keel.db)')
    .action(async (file: string | undefined, opts: { port?: number; db?: string }) => {
      const fileText = file ? readModelFile(file) : undefined;
      const { DEFAULT_STATIC_DIR, InvalidModelFileError, startStudio } = await import('../../server/serve');
      const { NOT_BUILT_MESSAGE, rendererBuilt } = await import('../../server/static-files');
      const { StoreError } = await import('../../store/types');
      let studio;
      try {
        studio = await startStudio({ port: opts.port, dbPath: opts.db, file, fileText, log: io.err });
      } catch (err) {
        if (err instanceof InvalidModelFileError) {
          for (const p of err.problems) io.err(`${p.file}:${p.line}:${p.col}: ${p.message}`);
          state.exitCode = EXIT_FAIL;
          return;
        }
        if (err instanceof StoreError) throw new CliError(`serve: ${err.message}`);
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new CliError(`serve: port ${opts.port} is already in use`);
        if (code === 'EACCES') throw new CliError(`serve: not allowed to listen on port ${opts.port}`);
        throw err;
      }
      io.out(`Keel studio: ${studio.openUrl}`);
      if (!rendererBuilt(DEFAULT_STATIC_DIR)) io.err(`keel: ${NOT_BUILT_MESSAGE}`);
      io.out(`Store: ${studio.dbPath}  (Ctrl+C stops the server)`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          studio.stop().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
