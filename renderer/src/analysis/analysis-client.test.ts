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
  /** `reportMs`: the duration the worker reports (default: the measured one), to steer where runs go. */
  constructor(private readonly reportMs?: number) {}
  postMessage(message: AnalysisRequest): void {
    const req = structuredClone(message);
    this.seen.push(req);
    setTimeout(() => {
      if (this.terminated) return;
      const { response, transfer } = this.handle(req);
      if (this.reportMs !== undefined) response.durationMs = this.reportMs;
      this.onmessage?.({ data: structuredClone(response, { transfer }) } as MessageEvent<AnalysisResponse>);
    }, 5);
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** A worker of an older build: it posts the whole AnalysisResult, not the codec's message. */
class RawResultWorker extends SameThreadWorker {
  override postMessage(message: AnalysisRequest): void {
    const req = structuredClone(message);
    this.seen.push(req);
    setTimeout(() => {
      if (this.terminated) return;
      const data = { id: req.id, result: analyze(req.delta.full!, req.options), durationMs: 1 };
      this.onmessage?.({ data: structuredClone(data) } as unknown as MessageEvent<AnalysisResponse>);
    }, 5);
  }
}

/** A result as JSON sees it (blast radii materialised). */
const plain = (r: unknown) => JSON.parse(JSON.stringify(r)) as unknown;

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

  it('a result it cannot read fails that run and restarts the worker, instead of throwing in the message handler', async () => {
    // The console error "e.forEach is not a function" (code-view e2e): a result not in the codec's format
    // (here a full AnalysisResult, as a worker of an older build posts it: links as a record, no nodeIds)
    // made the decoder throw inside onmessage. That was uncaught, the run never settled, and the
    // decoder was left half-updated for the next message of that worker.
    const workers: SameThreadWorker[] = [];
    const client = createAnalysisClient({
      createWorker: () => {
        const w = workers.length === 0 ? new RawResultWorker() : new SameThreadWorker();
        workers.push(w);
        return w;
      },
      frameBudgetMs: -1,
      whenIdle: immediately,
    });
    const m = shopModel();
    await expect(client.run(m)).rejects.toThrow(/cannot read/);
    expect(workers[0]!.terminated).toBe(true);
    const next = produce(m, (d) => void (d.name = 'after the restart'));
    const again = await client.run(next);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.seen[0]!.delta.full).toBeDefined();
    expect(plain(again.result)).toEqual(plain(analyze(next)));
  });

  it('a worker error while a main-thread run waits leaves that run alone, and later worker runs read right', async () => {
    // The worker reports runs as free, so the next run goes to the main thread.
    const idle: (() => void)[] = [];
    const workers: SameThreadWorker[] = [];
    const client = createAnalysisClient({
      createWorker: () => {
        const w = new SameThreadWorker(0);
        workers.push(w);
        return w;
      },
      frameBudgetMs: 5,
      whenIdle: (fn) => void idle.push(fn),
    });
    const big = generateModel({ nodes: 200, links: 400 }); // guessed at 10 ms: the worker
    expect((await client.run(big)).via).toBe('worker');
    const m1 = produce(big, (d) => void (d.name = 'one'));
    const onMain = client.run(m1);
    expect(idle).toHaveLength(1);
    workers[0]!.onerror?.({ message: 'worker crashed' } as ErrorEvent);
    // A worker run starts meanwhile: it must not be ended by the main-thread run finishing.
    const m2 = produce(m1, (d) => void (d.name = 'two'));
    const later = client.run(m2);
    idle.shift()!();
    const r1 = await onMain;
    expect(r1.via).toBe('main');
    expect(plain(r1.result)).toEqual(plain(analyze(m1)));
    while (idle.length) idle.shift()!();
    const r2 = await later;
    expect(plain(r2.result)).toEqual(plain(analyze(m2)));
  });
});
