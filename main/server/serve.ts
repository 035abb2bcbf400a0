/**
 * What `keel serve` does beyond the HTTP server: opens the store, imports the
 * FILE it was given (refusing an invalid one before anything is written) and
 * reports the URL to open.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem } from '../../shared/api/contract';
import { parseModel } from '../../shared/parse/index';
import { templateSource } from '../services/template-source';
import { importFile } from '../store/model-files';
import { openSqliteStore } from '../store/sqlite-store';
import type { ModelStore } from '../store/types';
import { startServer, type RunningServer } from './server';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_STATIC_DIR = join(REPO_ROOT, 'dist', 'renderer');

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** `$XDG_DATA_HOME/keel/keel.db`, else `~/.local/share/keel/keel.db`. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const base =
    env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return join(base, 'keel', 'keel.db');
}

/** The FILE given to `keel serve` is not a valid model: nothing was written. */
export class InvalidModelFileError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`${problems.length} problem(s) in the model file`);
    this.name = 'InvalidModelFileError';
  }
}

/**
 * Imports the model text into the store, or reuses a live model whose head is
 * byte-identical (serving the same file twice does not pile up copies).
 */
export function importModelFile(store: ModelStore, fileName: string, text: string): string {
  const parsed = parseModel(text, fileName);
  if (!parsed.model || parsed.problems.length > 0) throw new InvalidModelFileError(parsed.problems);
  for (const summary of store.listModels()) {
    if (summary.name === parsed.model.name && store.getModel(summary.id).head.yaml === text) return summary.id;
  }
  return importFile(store, { fileName, text, name: parsed.model.name }).summary.id;
}

export interface StudioOptions {
  port?: number;
  dbPath?: string;
  /** A model file to open (imported into the store). */
  file?: string;
  /** `text` of `file`, when the caller already read it (the CLI checks size and encoding). */
  fileText?: string;
  staticDir?: string;
  version?: string;
  token?: string;
  log?: (message: string) => void;
}

export interface RunningStudio extends RunningServer {
  /** The URL to open: the token URL, plus `#/model/<id>` when a FILE was given. */
  openUrl: string;
  dbPath: string;
  modelId?: string;
  /** Stops the server and closes the store. */
  stop(): Promise<void>;
}

export async function startStudio(options: StudioOptions = {}): Promise<RunningStudio> {
  const dbPath = resolve(options.dbPath ?? defaultDbPath());
  let text: string | undefined;
  if (options.file) text = options.fileText ?? readFileSync(options.file, 'utf8');
  // Validate FILE before touching the store: a bad file leaves no trace.
  if (options.file && text !== undefined) {
    const parsed = parseModel(text, options.file);
    if (!parsed.model || parsed.problems.length > 0) throw new InvalidModelFileError(parsed.problems);
  }
  mkdirSync(dirname(dbPath), { recursive: true });
  const store = openSqliteStore(dbPath);
  try {
    const modelId = options.file && text !== undefined ? importModelFile(store, options.file, text) : undefined;
    const running = await startServer({
      port: options.port,
      staticDir: options.staticDir ?? DEFAULT_STATIC_DIR,
      store,
      templates: templateSource(),
      storePath: dbPath,
      version: options.version ?? packageVersion(),
      token: options.token,
      log: options.log,
    });
    let stopped = false;
    return {
      ...running,
      openUrl: modelId ? `${running.url}#/model/${modelId}` : running.url,
      dbPath,
      modelId,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await running.close();
        store.close();
      },
    };
  } catch (err) {
    store.close();
    throw err;
  }
}
