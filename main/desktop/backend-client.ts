/**
 * The main process's handle on the back end process: forks it, sends `init`,
 * matches answers to calls by id, and forks it again on the next call if it
 * died (the calls in flight then get an 'internal' error, never a hang).
 */
import type { ApiResponse } from '../../shared/api/contract';
import type { BackendInit, FromBackend, UtilityProcessLike } from './backend-protocol';

export interface Backend {
  /** Resolves when the store is open; rejects with the reason it could not be. */
  ready: Promise<void>;
  call(op: string, input: unknown): Promise<ApiResponse>;
  /** Asks the back end to close the store and exit. */
  close(): void;
}

const failure = (message: string): ApiResponse => ({ error: { code: 'internal', message } });

export function connectBackend(
  fork: () => UtilityProcessLike,
  init: BackendInit,
  log?: (message: string) => void,
): Backend {
  let child: UtilityProcessLike | undefined;
  let ready!: Promise<void>;
  let closing = false;
  let nextId = 1;
  const pending = new Map<number, (response: ApiResponse) => void>();

  const start = () => {
    const proc = fork();
    child = proc;
    ready = new Promise<void>((resolve, reject) => {
      proc.on('message', (raw) => {
        const message = raw as FromBackend;
        if (message?.type === 'ready') resolve();
        else if (message?.type === 'fatal') reject(new Error(message.message));
        else if (message?.type === 'result') {
          pending.get(message.id)?.(message.response);
          pending.delete(message.id);
        }
      });
      proc.on('exit', (code) => {
        if (child === proc) child = undefined;
        reject(new Error(`the Keel back end exited (code ${code}) before it was ready`));
        if (!closing) log?.(`keel: the back end process exited with code ${code}`);
        for (const [id, answer] of pending) {
          answer(failure('The Keel back end stopped while answering; try again.'));
          pending.delete(id);
        }
      });
    });
    // A rejection is reported through `ready` and calls; never unhandled.
    ready.catch(() => undefined);
    proc.postMessage({ type: 'init', init });
  };
  start();

  return {
    get ready() {
      return ready;
    },
    async call(op, input) {
      if (closing) return failure('Keel is closing');
      if (!child) start();
      try {
        await ready;
      } catch (err) {
        return failure(err instanceof Error ? err.message : String(err));
      }
      const proc = child;
      if (!proc) return failure('The Keel back end stopped; try again.');
      const id = nextId++;
      return new Promise<ApiResponse>((resolve) => {
        pending.set(id, resolve);
        proc.postMessage({ type: 'call', id, op, input });
      });
    },
    close() {
      closing = true;
      child?.postMessage({ type: 'close' });
    },
  };
}
