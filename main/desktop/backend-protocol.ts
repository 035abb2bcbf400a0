/**
 * Messages between the desktop main process and its back end, which runs in
 * an Electron utility process so that synchronous SQLite and model parsing
 * never hold up the main process (window moves, menus, IPC for other calls).
 */
import type { ApiResponse } from '../../shared/api/contract';

export interface BackendInit {
  storePath: string;
  /** The templates folder (resources/templates of the app). */
  templatesDir?: string;
  version: string;
}

export type ToBackend =
  { type: 'init'; init: BackendInit } | { type: 'call'; id: number; op: string; input: unknown } | { type: 'close' };

export type FromBackend =
  { type: 'ready' } | { type: 'fatal'; message: string } | { type: 'result'; id: number; response: ApiResponse };

/** `process.parentPort` inside a utility process. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/** What `utilityProcess.fork()` returns. */
export interface UtilityProcessLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface UtilityProcessModuleLike {
  fork(
    modulePath: string,
    args?: string[],
    options?: { serviceName?: string; stdio?: 'inherit' | 'pipe' | 'ignore' },
  ): UtilityProcessLike;
}
