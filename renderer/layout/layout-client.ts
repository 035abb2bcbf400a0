/**
 * The UI side of auto-layout. Layouts run in a Web Worker, one at a time.
 * While one runs, newer requests wait; only the latest waiting request is
 * kept (earlier ones reject with LayoutSupersededError). A layout that runs
 * past the timeout, or is cancelled, ends its worker: ELK cannot be
 * interrupted any other way. The next request starts a fresh worker.
 */
import { layoutInput } from '../../shared/diagram/layout';
import type { LayoutMode } from '../../shared/diagram/types';
import type { Model } from '../../shared/model';
import { unpackLayout, type LayoutRequest, type LayoutResponse, type Placement } from './protocol';

/** The part of a Worker the client uses (a fake one in tests). */
export interface WorkerLike {
  postMessage(message: LayoutRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<LayoutResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export class LayoutCancelledError extends Error {
  override readonly name: string = 'LayoutCancelledError';
}
/** A newer request replaced this one before it started. */
export class LayoutSupersededError extends LayoutCancelledError {
  override readonly name = 'LayoutSupersededError';
}
export class LayoutTimeoutError extends Error {
  override readonly name = 'LayoutTimeoutError';
}

export interface LayoutClientOptions {
  createWorker: () => WorkerLike;
  /** Default: 10 s, or 10 ms per node for models above 1,000 nodes. */
  timeoutMs?: number;
}

export interface LayoutClient {
  layout(model: Model, mode?: LayoutMode): Promise<Placement>;
  /** Starts the worker now, so it has warmed up ELK before the first request. */
  warm(): void;
  /** Rejects the running and the waiting request and ends the worker. */
  cancel(): void;
  dispose(): void;
}

interface Job {
  id: number;
  model: Model;
  mode: LayoutMode;
  resolve(layout: Placement): void;
  reject(error: Error): void;
}

export const DEFAULT_LAYOUT_TIMEOUT_MS = 10_000;

/** A 2,000-node model took 10 s on a loaded 2-core machine: big models get more time. */
export function defaultTimeoutMs(model: Model): number {
  return Math.max(DEFAULT_LAYOUT_TIMEOUT_MS, Object.keys(model.nodes).length * 10);
}

export function createLayoutClient(options: LayoutClientOptions): LayoutClient {
  let worker: WorkerLike | null = null;
  let running: Job | null = null;
  let waiting: Job | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let nextId = 1;

  const endWorker = () => {
    if (worker) {
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
    }
    worker = null;
  };

  const finish = (job: Job) => {
    if (running !== job) return;
    running = null;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    start();
  };

  const ensureWorker = (): WorkerLike => {
    if (worker) return worker;
    const w = options.createWorker();
    w.onmessage = (event) => {
      const job = running;
      if (!job || event.data.id !== job.id) return; // an answer to a job we gave up on
      finish(job);
      if ('error' in event.data) job.reject(new Error(`layout failed: ${event.data.error}`));
      else job.resolve(unpackLayout(event.data.layout));
    };
    w.onerror = (event) => {
      const job = running;
      endWorker();
      if (!job) return;
      finish(job);
      job.reject(new Error(`layout worker failed: ${event.message || 'unknown error'}`));
    };
    worker = w;
    return w;
  };

  const start = () => {
    if (running || !waiting) return;
    const job = waiting;
    waiting = null;
    running = job;
    const timeoutMs = options.timeoutMs ?? defaultTimeoutMs(job.model);
    timer = setTimeout(() => {
      endWorker();
      finish(job);
      job.reject(new LayoutTimeoutError(`layout took longer than ${timeoutMs} ms and was stopped`));
    }, timeoutMs);
    try {
      ensureWorker().postMessage({ id: job.id, model: job.model, mode: job.mode });
    } catch (error) {
      endWorker();
      finish(job);
      job.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };

  return {
    layout(model, mode = { kind: 'all' }) {
      return new Promise<Placement>((resolve, reject) => {
        waiting?.reject(new LayoutSupersededError('a newer layout request replaced this one'));
        // Only what layout reads crosses to the worker: cloning a whole 2,000-node model costs the UI thread 10x more.
        waiting = { id: nextId++, model: layoutInput(model), mode, resolve, reject };
        start();
      });
    },
    warm() {
      ensureWorker();
    },
    cancel() {
      const jobs = [running, waiting];
      waiting = null;
      if (running) {
        endWorker();
        finish(running);
      }
      for (const job of jobs) job?.reject(new LayoutCancelledError('layout cancelled'));
    },
    dispose() {
      this.cancel();
      endWorker();
    },
  };
}

let shared: LayoutClient | null = null;

function sharedClient(): LayoutClient {
  shared ??= createLayoutClient({
    createWorker: () =>
      new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module', name: 'keel-layout' }) as WorkerLike,
  });
  return shared;
}

/** Lays out a model in the shared layout worker (created on first use). */
export function layoutInWorker(model: Model, mode: LayoutMode = { kind: 'all' }): Promise<Placement> {
  return sharedClient().layout(model, mode);
}

/** Starts the shared layout worker ahead of the first layout (call when a canvas opens). */
export function prewarmLayoutWorker(): void {
  sharedClient().warm();
}

/** Cancels whatever the shared layout worker is doing. */
export function cancelLayoutInWorker(): void {
  shared?.cancel();
}
