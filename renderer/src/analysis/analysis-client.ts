/**
 * Runs the analysis for the UI. A request replaces the one waiting before it
 * (latest wins: that one rejects with AnalysisSupersededError); the running
 * one finishes. Where it runs depends on what it costs: while a run fits in
 * a frame it runs on the main thread in an idle callback (no copying, no
 * worker start-up); once one costs more, runs move to a Web Worker that keeps
 * its own copy of the model and receives only what changed.
 */
import { analyze } from '../../../shared/analysis';
import type { AnalysisResult, WhatIfOptions } from '../../../shared/analysis/types';
import type { Model } from '../../../shared/model/types';
import { diffModel } from './model-delta';
import type { AnalysisRequest, AnalysisResponse } from './protocol';
import { createResultDecoder } from './result-codec';

/** The part of a Worker the client uses (a fake one in tests). */
export interface WorkerLike {
  postMessage(message: AnalysisRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<AnalysisResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface AnalysisRun {
  result: AnalysisResult;
  /** Time spent in the analysis itself (ms). */
  durationMs: number;
  via: 'main' | 'worker';
}

export class AnalysisSupersededError extends Error {
  override readonly name = 'AnalysisSupersededError';
}

export interface AnalysisClientOptions {
  createWorker: () => WorkerLike;
  /** Runs longer than this (ms) move to the worker. Default 10 (a 60 Hz frame, less the rendering). */
  frameBudgetMs?: number;
  /** Schedules main-thread work when the browser is idle (default requestIdleCallback, else setTimeout). */
  whenIdle?: (fn: () => void) => void;
  /** Default 15 s; a run past it ends the worker (the next run starts a fresh one). */
  timeoutMs?: number;
}

export interface AnalysisClient {
  run(model: Model, options?: WhatIfOptions): Promise<AnalysisRun>;
  /** Where the next run goes. */
  readonly mode: 'main' | 'worker';
  dispose(): void;
}

interface Job {
  model: Model;
  options: WhatIfOptions;
  resolve(run: AnalysisRun): void;
  reject(error: Error): void;
}

/** Performance marks for benchmarks (the timeline shows where an update spends its time). */
const mark = (name: string) => globalThis.performance?.mark?.(name);

/** A first guess before anything was measured: about 0.05 ms a node on a laptop. */
const guessCost = (m: Model) => Object.keys(m.nodes).length * 0.05;

export function createAnalysisClient(options: AnalysisClientOptions): AnalysisClient {
  const budget = options.frameBudgetMs ?? 10;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const whenIdle =
    options.whenIdle ??
    ((fn: () => void) =>
      typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 60 }) : setTimeout(fn, 0));
  let worker: WorkerLike | null = null;
  /** Rebuilds results from the worker's messages; one per worker (a new worker starts from nothing). */
  let decode = createResultDecoder();
  /** The model the worker holds (what the next delta is computed against). */
  let workerModel: Model | null = null;
  let running: (Job & { id: number; via: 'main' | 'worker' }) | null = null;
  let waiting: Job | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let cost: number | null = null;
  let nextId = 1;
  let disposed = false;

  const endWorker = () => {
    if (worker) {
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
    }
    worker = null;
    workerModel = null;
    decode = createResultDecoder();
  };

  const measured = (ms: number) => {
    // Smooth the noise of a shared machine, but follow a real change quickly.
    cost = cost === null ? ms : cost * 0.5 + ms * 0.5;
  };

  const finish = () => {
    running = null;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    start();
  };

  const ensureWorker = (): WorkerLike => {
    if (worker) return worker;
    const w = options.createWorker();
    w.onmessage = (event) => {
      const data = event.data;
      const job = running?.via === 'worker' && data.id === running.id ? running : null;
      // The decoder must see every result this worker sends, in order (the next one may refer to it),
      // even one whose job is no longer waiting for it; and a message it cannot read must not be
      // left half-applied: that worker and its decoder are replaced (the next run starts afresh).
      let result: AnalysisResult | undefined;
      let error: Error | undefined;
      if ('error' in data) error = new Error(`analysis failed: ${data.error}`);
      else {
        try {
          result = decode(data.result);
        } catch (e) {
          endWorker();
          error = new Error(`analysis worker sent a result this page cannot read (${e instanceof Error ? e.message : String(e)})`);
        }
      }
      if (!job) return;
      mark('keel-analysis-received');
      measured(data.durationMs);
      finish();
      if (result) job.resolve({ result, durationMs: data.durationMs, via: 'worker' });
      else job.reject(error!);
    };
    w.onerror = (event) => {
      // Only a job this worker runs fails with it; a main-thread job carries on.
      const job = running?.via === 'worker' ? running : null;
      endWorker();
      if (!job) return;
      finish();
      job.reject(new Error(`analysis worker failed: ${event.message || 'unknown error'}`));
    };
    worker = w;
    return w;
  };

  const onMainThread = (job: Job & { id: number; via: 'main' }) => {
    whenIdle(() => {
      // Ended meanwhile (disposed, or replaced): finishing now would end whatever runs instead.
      if (disposed || running !== job) return;
      const t0 = performance.now();
      let run: AnalysisRun | undefined;
      let error: Error | undefined;
      try {
        const result = analyze(job.model, job.options);
        run = { result, durationMs: performance.now() - t0, via: 'main' };
        measured(run.durationMs);
      } catch (e) {
        error = e instanceof Error ? e : new Error(String(e));
      }
      finish();
      if (run) job.resolve(run);
      else job.reject(new Error(`analysis failed: ${error!.message}`));
    });
  };

  const start = () => {
    if (running || !waiting || disposed) return;
    const job = waiting;
    waiting = null;
    const id = nextId++;
    if ((cost ?? guessCost(job.model)) <= budget) {
      const main = { ...job, id, via: 'main' as const };
      running = main;
      onMainThread(main);
      return;
    }
    running = { ...job, id, via: 'worker' };
    try {
      const w = ensureWorker();
      const delta = diffModel(workerModel, job.model);
      workerModel = job.model;
      timer = setTimeout(() => {
        endWorker();
        finish();
        job.reject(new Error(`analysis took longer than ${timeoutMs} ms and was stopped`));
      }, timeoutMs);
      w.postMessage({ id, delta, options: job.options });
      mark('keel-analysis-posted');
    } catch (error) {
      endWorker();
      finish();
      job.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };

  return {
    run(model, opts = {}) {
      return new Promise<AnalysisRun>((resolve, reject) => {
        waiting?.reject(new AnalysisSupersededError('a newer analysis request replaced this one'));
        waiting = { model, options: opts, resolve, reject };
        start();
      });
    },
    get mode() {
      return cost === null || cost <= budget ? 'main' : 'worker';
    },
    dispose() {
      disposed = true;
      waiting?.reject(new AnalysisSupersededError('the analysis client was disposed'));
      waiting = null;
      endWorker();
      if (timer !== null) clearTimeout(timer);
    },
  };
}
