/**
 * Rules that rest on the section 4 figures: capacity, latency and
 * availability objectives, single points of failure, cycles, retries, depth,
 * consumer lag. Each is hand-checked firing and not firing; the arithmetic is
 * in the comments.
 */
import { describe, expect, it } from 'vitest';
import type { ModelNode } from '../model/types';
import { findingsOf, model, OBSERVED } from './test-model';

const svc = (extra: Record<string, unknown> = {}) => ({ kind: 'service', ...OBSERVED, ...extra }) as ModelNode;

describe('capacity.overload and capacity.hotspot', () => {
  // orders: 2 replicas x 160 rps = 320; load 400: utilization 1.25.
  // Replicas to get under 0.8: floor(400 / (160 x 0.8)) + 1 = floor(3.125) + 1 = 4 -> 400 / 640 = 0.625.
  const at = (rps: number, analysis?: { hotspotUtilization: number }) =>
    model({
      analysis,
      nodes: { web: { kind: 'client', rps }, orders: svc({ replicas: 2, capacity: { rps: 160 }, latencyMs: 10 }) },
      links: [{ from: 'web', to: 'orders' }],
    });

  it('fires overload at utilization >= 1 with the numbers and the replica count', () => {
    const [f, ...rest] = findingsOf(at(400), 'capacity.overload');
    expect(rest).toHaveLength(0);
    expect(f!.severity).toBe('critical');
    expect(f!.nodes).toEqual(['orders']);
    expect(f!.message).toContain('orders runs at 1.25x its capacity at 400 rps (2 x 160 rps = 320 rps)');
    expect(f!.suggestion).toContain('4 replicas of 160 rps bring it to 0.63 (now 2)');
    // Exactly 1.0 counts: 320 / 320.
    expect(findingsOf(at(320), 'capacity.overload')).toHaveLength(1);
    expect(findingsOf(at(400), 'capacity.hotspot')).toHaveLength(0);
  });

  it('fires hotspot between the threshold and 1, not below it', () => {
    // 256 / 320 = 0.8: at the threshold. Inflation 1 / (1 - 0.8) = 5x; headroom 1 / 0.8 = 1.25x.
    const [f] = findingsOf(at(256), 'capacity.hotspot');
    expect(f!.severity).toBe('warning');
    expect(f!.message).toContain('orders runs at 0.8 of its capacity (256 rps of 320 rps)');
    expect(f!.message).toContain('inflates its latency 5x');
    expect(f!.message).toContain('1.25x today');
    // replicas: floor(256 / 128) + 1 = 3 -> 256 / 480 = 0.53.
    expect(f!.suggestion).toContain('3 replicas of 160 rps bring it to 0.53');
    expect(findingsOf(at(255), 'capacity.hotspot')).toHaveLength(0); // 0.797
    expect(findingsOf(at(256, { hotspotUtilization: 0.9 }), 'capacity.hotspot')).toHaveLength(0);
    expect(findingsOf(at(256), 'capacity.overload')).toHaveLength(0);
  });
});

describe('latency.slo', () => {
  // c -> s (150 ms) -> t (60 ms), no capacities: budget = 150 + 60 = 210 ms > 200 ms (5% over).
  const m = (slo?: { latencyP99Ms: number }) =>
    model({
      slo,
      nodes: { c: { kind: 'client', rps: 10 }, s: svc({ latencyMs: 150 }), t: svc({ latencyMs: 60 }) },
      links: [
        { from: 'c', to: 's' },
        { from: 's', to: 't', timeoutMs: 500 },
      ],
    });

  it('fires when the budget exceeds the objective, naming the path and the costliest hops', () => {
    const [f] = findingsOf(m(), 'latency.slo');
    expect(f!.nodes[0]).toBe('c');
    expect(f!.message).toContain('210 ms, over the 200 ms objective by 5%');
    expect(f!.message).toContain('c -> s -> t');
    expect(f!.message).toContain('s (150 ms)');
    expect(f!.suggestion).toContain('Take 10 ms off');
  });

  it('does not fire within the objective', () => {
    expect(findingsOf(m({ latencyP99Ms: 210 }), 'latency.slo')).toHaveLength(0);
  });

  it('counts an unbounded budget and names the saturated node', () => {
    // s: 100 rps on 1 x 50 rps: utilization 2, R(s) unbounded.
    const hot = model({
      slo: { latencyP99Ms: 10_000 },
      nodes: { c: { kind: 'client', rps: 100 }, s: svc({ latencyMs: 1, capacity: { rps: 50 } }) },
      links: [{ from: 'c', to: 's' }],
    });
    const [f] = findingsOf(hot, 'latency.slo');
    expect(f!.message).toContain('unbounded');
    expect(f!.message).toContain('s on the path c -> s is saturated');
  });
});

describe('availability.slo', () => {
  // closure(c) = a (99.9%, 1 replica), ext (99.5%, external): 0.999 x 0.995 = 0.994005 -> 99.4005% < 99.9%.
  const m = (slo?: { availability: number }) =>
    model({
      slo,
      nodes: {
        c: { kind: 'client', rps: 1 },
        a: svc(),
        ext: { kind: 'external', availability: 99.5 },
      },
      links: [
        { from: 'c', to: 'a' },
        { from: 'a', to: 'ext', timeoutMs: 100, circuitBreaker: true },
      ],
    });

  it('fires under the objective, naming the weakest dependencies', () => {
    const [f] = findingsOf(m(), 'availability.slo');
    expect(f!.nodes).toEqual(['c', 'ext', 'a']);
    expect(f!.message).toContain('available 99.4% of the time, under the 99.9% objective');
    expect(f!.message).toContain('ext (99.5%, external)');
    expect(f!.message).toContain('a (99.9%, 1 replica)');
    expect(f!.suggestion).toContain('optional');
  });

  it('does not fire at or above the objective', () => {
    expect(findingsOf(m({ availability: 99 }), 'availability.slo')).toHaveLength(0);
  });
});

describe('resilience.spof', () => {
  const m = (replicas: number) =>
    model({
      nodes: {
        c: { kind: 'client', rps: 1 },
        a: svc({ replicas: 2 }),
        db: { kind: 'database', replicas },
        ext: { kind: 'external' },
        side: svc(),
      },
      links: [
        { from: 'c', to: 'a' },
        { from: 'a', to: 'db', timeoutMs: 100 },
        { from: 'a', to: 'ext', timeoutMs: 100, circuitBreaker: true },
        { from: 'a', to: 'side', async: true },
      ],
    });

  it('fires for a single-replica node in a closure, with its blast radius', () => {
    const fs = findingsOf(m(1), 'resilience.spof');
    // a has 2 replicas, ext is external, side is only reached asynchronously.
    expect(fs.map((f) => f.nodes[0])).toEqual(['db']);
    expect(fs[0]!.message).toBe('db runs as a single replica: a failure of db takes down every request from c.');
    // A(db) with 2 replicas: 1 - 0.001^2 = 99.9999%.
    expect(fs[0]!.suggestion).toContain('99.9% -> 99.9999%');
  });

  it('does not fire with two replicas', () => {
    expect(findingsOf(m(2), 'resilience.spof')).toHaveLength(0);
  });
});

describe('resilience.sync-cycle', () => {
  it('fires on a self-call', () => {
    const m = model({ nodes: { a: svc() }, links: [{ from: 'a', to: 'a', timeoutMs: 10 }] });
    const [f] = findingsOf(m, 'resilience.sync-cycle');
    expect(f!.severity).toBe('critical');
    expect(f!.message).toContain('a calls itself synchronously');
  });

  it('does not fire on an async or messaging loop', () => {
    const m = model({
      nodes: { a: svc(), b: svc(), t: { kind: 'topic' } },
      links: [
        { from: 'a', to: 'b', timeoutMs: 10 },
        { from: 'b', to: 'a', async: true },
        { from: 'a', to: 't' },
        { from: 't', to: 'a' },
      ],
    });
    expect(findingsOf(m, 'resilience.sync-cycle')).toHaveLength(0);
  });
});

describe('resilience.retry-amplification', () => {
  // c -> a -> b -> d with retries 2, 2, 1: 3 x 3 x 2 = 18 > 10.
  const m = (last: number) =>
    model({
      nodes: { c: { kind: 'client', rps: 1 }, a: svc(), b: svc(), d: svc() },
      links: [
        { from: 'c', to: 'a', retries: 2 },
        { from: 'a', to: 'b', retries: 2, timeoutMs: 100 },
        { from: 'b', to: 'd', retries: last, timeoutMs: 10 },
      ],
    });

  it('fires when the product of (1 + retries) passes the limit', () => {
    const [f] = findingsOf(m(1), 'resilience.retry-amplification');
    expect(f!.nodes).toEqual(['c', 'a', 'b', 'd']);
    expect(f!.message).toContain('One request from c can become 18 calls to d when it fails (limit 10)');
    expect(f!.message).toContain('(3 x 3 x 2)');
    expect(f!.suggestion).toContain('Keep the retries on c->a only');
  });

  it('does not fire at the limit or below: 3 x 3 x 1 = 9', () => {
    expect(findingsOf(m(0), 'resilience.retry-amplification')).toHaveLength(0);
  });

  it('stops a path at the first node on a sync cycle', () => {
    // c -> a (retries 2) -> b; b <-> x with retries 9 each. The path stops at b: 3 <= 10.
    const cyc = model({
      nodes: { c: { kind: 'client', rps: 1 }, a: svc(), b: svc(), x: svc() },
      links: [
        { from: 'c', to: 'a' },
        { from: 'a', to: 'b', retries: 2, timeoutMs: 10 },
        { from: 'b', to: 'x', retries: 9, timeoutMs: 10 },
        { from: 'x', to: 'b', retries: 9, timeoutMs: 10 },
      ],
    });
    expect(findingsOf(cyc, 'resilience.retry-amplification')).toHaveLength(0);
  });
});

describe('resilience.deep-sync-chain', () => {
  const chain = (links: number) => {
    const nodes: Record<string, ModelNode> = { c: { kind: 'client', rps: 1 } };
    const ls = [];
    let prev = 'c';
    for (let i = 1; i <= links; i++) {
      nodes[`n${i}`] = svc();
      ls.push({ from: prev, to: `n${i}`, timeoutMs: 1000 - i });
      prev = `n${i}`;
    }
    return model({ nodes, links: ls });
  };

  it('fires above maxSyncDepth (6 links > 5)', () => {
    const [f] = findingsOf(chain(6), 'resilience.deep-sync-chain');
    expect(f!.message).toBe('Requests from c go through 6 synchronous hops (limit 5): c -> n1 -> n2 -> n3 -> n4 -> n5 -> n6.');
    expect(f!.suggestion).toContain('make n4->n5 asynchronous');
  });

  it('does not fire at maxSyncDepth (5 links)', () => {
    expect(findingsOf(chain(5), 'resilience.deep-sync-chain')).toHaveLength(0);
  });
});

describe('messaging.consumer-lag', () => {
  // web 24 rps -> signup -> email-queue (1 message per request): 24 msg/s.
  // mailer: 1 replica x 20 msg/s = 20 < 24: backlog grows by 4 x 3600 = 14,400 messages an hour.
  // Replicas to carry 24 under 0.8: floor(24 / 16) + 1 = 2.
  const m = (replicas: number, mailerCapacity: boolean = true) =>
    model({
      nodes: {
        web: { kind: 'client', rps: 24 },
        signup: svc(),
        'email-queue': { kind: 'queue', deadLetter: true },
        mailer: { kind: 'worker', ...OBSERVED, replicas, ...(mailerCapacity ? { capacity: { rps: 20 } } : {}) },
      },
      links: [
        { from: 'web', to: 'signup' },
        { from: 'signup', to: 'email-queue' },
        { from: 'email-queue', to: 'mailer' },
      ],
    });

  it('fires when the group cannot keep up, with the hourly backlog', () => {
    const [f] = findingsOf(m(1), 'messaging.consumer-lag');
    expect(f!.severity).toBe('critical');
    expect(f!.nodes).toEqual(['email-queue', 'mailer']);
    expect(f!.links).toEqual(['email-queue->mailer']);
    expect(f!.message).toContain('email-queue delivers 24 msg/s to its consumers mailer, which handle 20 msg/s');
    expect(f!.message).toContain('the backlog grows by 14,400 messages an hour');
    expect(f!.suggestion).toContain('Run 2 replicas of mailer');
  });

  it('does not fire when capacity suffices or is unknown', () => {
    expect(findingsOf(m(2), 'messaging.consumer-lag')).toHaveLength(0);
    expect(findingsOf(m(1, false), 'messaging.consumer-lag')).toHaveLength(0);
  });

  it('checks each topic group against the full rate', () => {
    // t: 30 msg/s. Group g1 = a + b (10 + 10 = 20 < 30): fires. d alone (40): fine.
    const topic = model({
      nodes: {
        c: { kind: 'client', rps: 30 },
        p: svc(),
        t: { kind: 'topic', deadLetter: true },
        a: { kind: 'worker', capacity: { rps: 10 } },
        b: { kind: 'worker', capacity: { rps: 10 } },
        d: { kind: 'worker', capacity: { rps: 40 } },
      },
      links: [
        { from: 'c', to: 'p' },
        { from: 'p', to: 't' },
        { from: 't', to: 'a', group: 'g1' },
        { from: 't', to: 'b', group: 'g1' },
        { from: 't', to: 'd' },
      ],
    });
    const fs = findingsOf(topic, 'messaging.consumer-lag');
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message).toContain('t delivers 30 msg/s to group g1 (a and b), which handle 20 msg/s: the backlog grows by 36,000 messages an hour');
  });
});
