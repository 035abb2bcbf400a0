import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DiagramLayout } from '../../shared/diagram/types';
import type { Model } from '../../shared/model';
import {
  createLayoutClient,
  LayoutCancelledError,
  LayoutSupersededError,
  LayoutTimeoutError,
  type WorkerLike,
} from './layout-client';
import { packLayout, unpackLayout, type LayoutRequest, type LayoutResponse } from './protocol';

/** A worker that records requests and answers when the test says so. */
class FakeWorker implements WorkerLike {
  static all: FakeWorker[] = [];
  requests: LayoutRequest[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<LayoutResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(message: LayoutRequest): void {
    if (this.terminated) throw new Error('posted to a terminated worker');
    this.requests.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(request: LayoutRequest, layout: DiagramLayout = layoutNamed(request.model.name)): void {
    this.onmessage?.({ data: { id: request.id, layout: packLayout(layout) } } as MessageEvent<LayoutResponse>);
  }
}

const model = (name: string): Model => ({ keel: 1, name, nodes: {} });
const layoutNamed = (name: string): DiagramLayout => ({
  nodes: {},
  contexts: {},
  edges: {},
  width: name.length,
  height: 0,
});

describe('layout client', () => {
  beforeEach(() => {
    FakeWorker.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('runs one layout at a time and only the latest waiting request', async () => {
    const client = createLayoutClient({ createWorker: () => new FakeWorker() });
    const first = client.layout(model('a'));
    const second = client.layout(model('bb'));
    const third = client.layout(model('ccc'), { kind: 'place-new' });
    const w = FakeWorker.all[0]!;
    expect(w.requests.map((r) => r.model.name)).toEqual(['a']);
    await expect(second).rejects.toBeInstanceOf(LayoutSupersededError);

    w.answer(w.requests[0]!);
    expect((await first).width).toBe(1);
    expect(w.requests.map((r) => r.model.name)).toEqual(['a', 'ccc']);
    expect(w.requests[1]!.mode).toEqual({ kind: 'place-new' });
    w.answer(w.requests[1]!);
    expect((await third).width).toBe(3);
    expect(FakeWorker.all).toHaveLength(1); // the worker is reused
  });

  it('starts the worker ahead of the first request when asked to', () => {
    const client = createLayoutClient({ createWorker: () => new FakeWorker() });
    client.warm();
    client.warm();
    expect(FakeWorker.all).toHaveLength(1);
    void client.layout(model('a'));
    expect(FakeWorker.all).toHaveLength(1);
    expect(FakeWorker.all[0]!.requests).toHaveLength(1);
  });

  it('stops a layout that runs past the timeout and starts a fresh worker for the next', async () => {
    const client = createLayoutClient({ createWorker: () => new FakeWorker(), timeoutMs: 10_000 });
    const slow = client.layout(model('slow'));
    const next = client.layout(model('next'));
    vi.advanceTimersByTime(9_999);
    expect(FakeWorker.all[0]!.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    await expect(slow).rejects.toBeInstanceOf(LayoutTimeoutError);
    expect(FakeWorker.all[0]!.terminated).toBe(true);

    const fresh = FakeWorker.all[1]!;
    expect(fresh.requests.map((r) => r.model.name)).toEqual(['next']);
    // A late answer from the old worker is ignored.
    FakeWorker.all[0]!.answer({ id: 1, model: model('stale'), mode: { kind: 'all' } });
    fresh.answer(fresh.requests[0]!);
    expect((await next).width).toBe(4);
  });

  it('gives big models more time by default', async () => {
    const client = createLayoutClient({ createWorker: () => new FakeWorker() });
    const nodes = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`n${i}`, { kind: 'service' as const }]));
    const big = client.layout({ keel: 1, name: 'big', nodes });
    vi.advanceTimersByTime(10_000);
    expect(FakeWorker.all[0]!.terminated).toBe(false);
    vi.advanceTimersByTime(20_000);
    await expect(big).rejects.toBeInstanceOf(LayoutTimeoutError);
  });

  it('cancels the running and the waiting request', async () => {
    const client = createLayoutClient({ createWorker: () => new FakeWorker() });
    const running = client.layout(model('a'));
    const waiting = client.layout(model('b'));
    client.cancel();
    await expect(running).rejects.toBeInstanceOf(LayoutCancelledError);
    await expect(waiting).rejects.toBeInstanceOf(LayoutCancelledError);
    expect(FakeWorker.all[0]!.terminated).toBe(true);
    // The timer of the cancelled job is gone: nothing fires later.
    vi.advanceTimersByTime(60_000);
    const after = client.layout(model('c'));
    FakeWorker.all[1]!.answer(FakeWorker.all[1]!.requests[0]!);
    expect((await after).width).toBe(1);
  });

  it('rejects with the worker error and recovers', async () => {
    const client = createLayoutClient({ createWorker: () => new FakeWorker() });
    const failing = client.layout(model('a'));
    const w = FakeWorker.all[0]!;
    w.onmessage?.({ data: { id: w.requests[0]!.id, error: 'boom' } } as MessageEvent<LayoutResponse>);
    await expect(failing).rejects.toThrow('layout failed: boom');
    const crashed = client.layout(model('b'));
    w.onerror?.({ message: 'script failed' } as ErrorEvent);
    await expect(crashed).rejects.toThrow('layout worker failed: script failed');
    expect(w.terminated).toBe(true);
    const ok = client.layout(model('cc'));
    FakeWorker.all[1]!.answer(FakeWorker.all[1]!.requests[0]!);
    expect((await ok).width).toBe(2);
  });
});

describe('layout protocol', () => {
  it('packs boxes into one transferable array and back, routes left behind', () => {
    const layout: DiagramLayout = {
      nodes: { a: { x: 24, y: -8, width: 196, height: 64 }, 'b/c': { x: 1e6, y: 0.5, width: 180, height: 60 } },
      contexts: { ctx: { x: 0, y: 0, width: 500, height: 300 } },
      edges: {
        'a->b/c': {
          points: [
            { x: 1, y: 2 },
            { x: 3, y: 4 },
          ],
        },
      },
      width: 1000,
      height: 400,
    };
    const packed = packLayout(layout);
    expect(packed.nodes.boxes).toBeInstanceOf(Float64Array);
    expect(packed.nodes.boxes).toHaveLength(8);
    // What a worker posts arrives through a structured clone.
    expect(unpackLayout(structuredClone(packed))).toEqual({
      nodes: layout.nodes,
      contexts: layout.contexts,
      width: 1000,
      height: 400,
    });
  });
});
