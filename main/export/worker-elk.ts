/** An ElkLike whose layouts run on a worker thread (elk-worker.mjs). Close it when done. */
import { Worker } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { ElkLike } from '../../shared/diagram/layout';

export interface WorkerElk extends ElkLike {
  close(): Promise<void>;
  /** False once the worker has exited or failed. */
  alive(): boolean;
}

let shared: WorkerElk | undefined;

/**
 * One worker for the whole process, started on first use: ELK's code gets
 * warm in it across exports (the studio exports many times). It does not keep
 * the process alive while idle.
 */
export function sharedWorkerElk(): WorkerElk {
  if (!shared?.alive()) shared = createWorkerElk();
  return shared;
}

export function createWorkerElk(): WorkerElk {
  const worker = new Worker(new URL('./elk-worker.mjs', import.meta.url));
  const pending = new Map<number, { resolve: (n: ElkNode) => void; reject: (e: Error) => void }>();
  let next = 0;
  let alive = true;
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('message', (msg: { id: number; result?: ElkNode; error?: string }) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.error !== undefined) p.reject(new Error(`layout failed: ${msg.error}`));
    else p.resolve(msg.result!);
  });
  worker.on('error', (err) => {
    alive = false;
    failAll(err);
  });
  worker.on('exit', (code) => {
    alive = false;
    failAll(new Error(`layout worker exited (${code})`));
  });
  // After the listeners: attaching a 'message' listener refs the worker again,
  // and an idle worker kept `keel export` of a fully placed model alive forever.
  worker.unref();
  return {
    layout(graph, args) {
      const id = next++;
      return new Promise<ElkNode>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, graph, args });
      }).finally(() => {
        if (pending.size === 0) worker.unref();
      });
    },
    async close() {
      alive = false;
      await worker.terminate();
    },
    alive: () => alive,
  };
}
