import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis';
import type { Model } from '../../../shared/model/types';
import { generateModel } from '../../../shared/testing/generate-model';
import { createAnalysisClient, AnalysisSupersededError, type WorkerLike } from './analysis-client';
import type { AnalysisRequest, AnalysisResponse } from './protocol';
import { shopModel } from './test-fixtures';
import { createAnalysisHandler } from './worker-handler';

/** A worker on the same thread: real handler, messages cloned like postMessage, answers a tick later. */
class SameThreadWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<AnalysisResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly seen: AnalysisRequest[] = [];
  terminated = false;
  private readonly handle = createAnalysisHandler();
  postMessage(message: AnalysisRequest): void {
    const req = structuredClone(message);
    this.seen.push(req);
    setTimeout(() => {
      if (this.terminated) return;
      const { response, transfer } = this.handle(req);
      this.onmessage?.({ data: structuredClone(response, { transfer }) } as MessageEvent<AnalysisResponse>);
    }, 5);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const immediately = (fn: () => void) => void setTimeout(fn, 0);

/** A client over same-thread workers; by default every run counts as expensive (always the worker). */
function workerClient(frameBudgetMs: number | undefined = -1) {
  const workers: SameThreadWorker[] = [];
  const client = createAnalysisClient({
    createWorker: () => {
      const w = new SameThreadWorker();
      workers.push(w);
      return w;
    },
    frameBudgetMs,
    whenIdle: immediately,
  });
  return { client, workers };
}

describe('analysis client', () => {
  it('runs cheap analyses on the main thread, with the same result as analyze', async () => {
    let created = 0;
    const client = createAnalysisClient({
      createWorker: () => (created++, new SameThreadWorker()),
      whenIdle: immediately,
      frameBudgetMs: 1000, // a cold first run may take a while; cost is tested below
    });
    const m = shopModel();
    const run = await client.run(m);
    expect(run.via).toBe('main');
    expect(run.result.summary).toEqual(analyze(m).summary);
    expect(created).toBe(0);
    expect(client.mode).toBe('main');
  });

  it('sends a large model to the worker from the first run, and stays there while runs cost more than a frame', async () => {
    // A budget no real run fits in: what the worker measures must keep the next run there too.
    // (With the default 10 ms budget the outcome depends on how fast this machine is.)
    const { client, workers } = workerClient(0.001);
    const big = generateModel({ nodes: 400, links: 1000 });
    const first = await client.run(big);
    expect(first.via).toBe('worker');
    expect(first.durationMs).toBeGreaterThan(0.001);
    expect(workers).toHaveLength(1);
    expect(client.mode).toBe('worker');
    const second = await client.run({ ...big, name: 'edited' });
    expect(second.via).toBe('worker');
    expect(workers).toHaveLength(1);
  });

  it('keeps the latest waiting request only, and sends the worker deltas', async () => {
    const { client, workers } = workerClient();
    const m0 = shopModel();
    const m1 = produce(m0, (d) => {
      d.nodes.shoppers = { kind: 'client', rps: 500 };
    });
    const m2 = produce(m1, (d) => {
      d.nodes.shoppers = { kind: 'client', rps: 5000 };
    });
    const a = client.run(m0);
    const b = client.run(m1);
    const c = client.run(m2);
    await expect(b).rejects.toBeInstanceOf(AnalysisSupersededError);
    const [ra, rc] = await Promise.all([a, c]);
    expect(ra.result.entries.shoppers!.rps).toBe(400);
    expect(rc.result.entries.shoppers!.rps).toBe(5000);
    expect(rc.result.summary).toEqual(analyze(m2).summary);
    // The first request carried the model; the second only the node that changed.
    expect(workers[0]!.seen).toHaveLength(2);
    expect(workers[0]!.seen[0]!.delta.full).toBeDefined();
    expect(Object.keys(workers[0]!.seen[1]!.delta.nodes ?? {})).toEqual(['shoppers']);
  });

  it('passes what-if options through and leaves the model alone', async () => {
    const { client } = workerClient();
    const m: Model = shopModel();
    const before = structuredClone(m);
    const r = await client.run(m, { loadFactor: 3, failed: ['orders-db'] });
    expect(r.result.whatIf?.failed).toEqual(['orders-db']);
    expect(r.result.whatIf?.downEntries).toContain('shoppers');
    expect(r.result.entries.shoppers!.rps).toBe(1200);
    expect(m).toEqual(before);
  });

  it('starts a fresh worker with the whole model after a worker error', async () => {
    const { client, workers } = workerClient();
    const m = shopModel();
    await client.run(m);
    const failing = client.run(m);
    workers[0]!.terminate();
    workers[0]!.onerror?.({ message: 'boom' } as ErrorEvent);
    await expect(failing).rejects.toThrow(/boom/);
    const again = await client.run(produce(m, (d) => void (d.name = 'x')));
    expect(again.via).toBe('worker');
    expect(workers).toHaveLength(2);
    expect(workers[1]!.seen[0]!.delta.full).toBeDefined();
  });
});
