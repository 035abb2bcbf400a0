/**
 * The section 4 figures on small hand-checked models. The arithmetic is in the
 * comments; every expected number below was worked out by hand from it.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from './index';
import { model } from './test-model';

describe('load, capacity, utilization, latency, availability', () => {
  // web 100 rps -> api (2 x 100 rps, 10 ms) -> db (1 x 400 rps, 2 ms), 2.5 calls per request.
  // load(api) = 100; load(db) = 100 x 2.5 = 250.
  // utilization(api) = 100 / 200 = 0.5; utilization(db) = 250 / 400 = 0.625.
  // R(db) = 2 / (1 - 0.625) = 5.333...; R(api) = 10 / 0.5 + ceil(2.5) x R(db) = 20 + 16 = 36.
  // entry web = R(web) = 0 + 1 x R(api) = 36.
  // maxScale = min(200/100, 400/250) = min(2, 1.6) = 1.6, bottleneck db.
  // A(api) = 1 - 0.001^2 = 0.999999; A(db) = 0.999; entry = 0.999999 x 0.999 = 0.998999001.
  const m = model({
    nodes: {
      web: { kind: 'client', rps: 100 },
      api: { kind: 'service', replicas: 2, capacity: { rps: 100 }, latencyMs: 10 },
      db: { kind: 'database', capacity: { rps: 400 }, latencyMs: 2 },
    },
    links: [
      { from: 'web', to: 'api' },
      { from: 'api', to: 'db', calls: 2.5, timeoutMs: 100 },
    ],
  });
  const r = analyze(m);

  it('propagates load and computes capacity and utilization', () => {
    expect(r.nodes.web!.load).toBe(100);
    expect(r.nodes.api!.load).toBe(100);
    expect(r.nodes.db!.load).toBe(250);
    expect(r.nodes.api!.capacity).toBe(200);
    expect(r.nodes.db!.capacity).toBe(400);
    expect(r.nodes.web!.capacity).toBeNull();
    expect(r.nodes.web!.utilization).toBeNull();
    expect(r.nodes.api!.utilization).toBe(0.5);
    expect(r.nodes.db!.utilization).toBe(0.625);
    expect(r.links!['web->api']!.load).toBe(100);
    expect(r.links!['api->db']!.load).toBe(250);
  });

  it('adds up the latency budget with queueing inflation and ceil(calls)', () => {
    expect(r.nodes.db!.latencyMs).toBeCloseTo(16 / 3, 9);
    expect(r.nodes.api!.latencyMs).toBeCloseTo(36, 9);
    expect(r.entries.web!.latencyMs).toBeCloseTo(36, 9);
    expect(r.entries.web!.rps).toBe(100);
  });

  it('finds maxScale and the bottleneck', () => {
    expect(r.summary.maxScale).toBeCloseTo(1.6, 12);
    expect(r.summary.bottleneck).toBe('db');
  });

  it('computes availability over the closure and the blast radius', () => {
    expect(r.nodes.api!.availability).toBeCloseTo(99.9999, 9);
    expect(r.nodes.db!.availability).toBeCloseTo(99.9, 9);
    expect(r.entries.web!.availability).toBeCloseTo(99.8999001, 9);
    expect(r.nodes.api!.blastRadius).toEqual(['web']);
    expect(r.nodes.db!.blastRadius).toEqual(['web']);
    expect(r.nodes.web!.blastRadius).toEqual([]);
  });
});

describe('messaging: topic groups, queue splitting, async links', () => {
  // c 100 rps -> svc; svc publishes 2 per request to topic t: load(t) = 200.
  // t's consumers: a and b in group g1 share 200 (100 each); d (own group) gets all 200.
  // svc -> q once per request: load(q) = 100, split among w1, w2, w3: 33.33 each.
  // svc -> audit async, calls 0.5: load(audit) = 50.
  // R(svc) = 10 (publishes and async links add nothing); entry c = 10.
  // closure(c) = svc, t, q (publishes need the broker; consumes and async do not):
  //   entry availability = 0.999^3 = 0.997002999.
  const m = model({
    nodes: {
      c: { kind: 'client', rps: 100 },
      svc: { kind: 'service', latencyMs: 10 },
      t: { kind: 'topic' },
      q: { kind: 'queue' },
      a: { kind: 'worker' },
      b: { kind: 'worker' },
      d: { kind: 'worker' },
      w1: { kind: 'worker' },
      w2: { kind: 'worker' },
      w3: { kind: 'worker' },
      audit: { kind: 'service', latencyMs: 500 },
    },
    links: [
      { from: 'c', to: 'svc' },
      { from: 'svc', to: 't', calls: 2 },
      { from: 't', to: 'a', group: 'g1' },
      { from: 't', to: 'b', group: 'g1' },
      { from: 't', to: 'd' },
      { from: 'svc', to: 'q' },
      { from: 'q', to: 'w1' },
      { from: 'q', to: 'w2' },
      { from: 'q', to: 'w3' },
      { from: 'svc', to: 'audit', async: true, calls: 0.5 },
    ],
  });
  const r = analyze(m);

  it('delivers a topic in full to each group, split inside the group', () => {
    expect(r.nodes.t!.load).toBe(200);
    expect(r.nodes.a!.load).toBe(100);
    expect(r.nodes.b!.load).toBe(100);
    expect(r.nodes.d!.load).toBe(200);
    expect(r.links!['t->a']!.load).toBe(100);
    expect(r.links!['t->a']!.mode).toBe('consume');
  });

  it('splits a queue among its competing consumers', () => {
    expect(r.nodes.q!.load).toBe(100);
    for (const w of ['w1', 'w2', 'w3']) expect(r.nodes[w]!.load).toBeCloseTo(100 / 3, 12);
  });

  it('carries async load but no async latency', () => {
    expect(r.nodes.audit!.load).toBe(50);
    expect(r.nodes.svc!.latencyMs).toBe(10);
    expect(r.entries.c!.latencyMs).toBe(10);
  });

  it('keeps consumers and async targets out of the hard-dependency closure', () => {
    expect(r.entries.c!.availability).toBeCloseTo(99.7002999, 9);
    expect(r.entries.c!.dependsOn).toBe(3);
    expect(r.nodes.t!.blastRadius).toEqual(['c']);
    expect(r.nodes.a!.blastRadius).toEqual([]);
    expect(r.nodes.audit!.blastRadius).toEqual([]);
  });
});

describe('parallel links, optional links, external nodes', () => {
  // agg: own 5 ms; sequential z called 2x (7 ms each) = 14; parallel x (30) and y (50): max = 50.
  // R(agg) = 5 + 14 + 50 = 69.
  // ext: external, 99.5%, 3 replicas ignored: A = 0.995. cache is optional: outside the closure.
  // closure(c) = agg, x, y, z, ext: 0.999^4 x 0.995.
  const m = model({
    nodes: {
      c: { kind: 'client', rps: 10 },
      agg: { kind: 'service', latencyMs: 5 },
      x: { kind: 'service', latencyMs: 30 },
      y: { kind: 'service', latencyMs: 50 },
      z: { kind: 'service', latencyMs: 7 },
      ext: { kind: 'external', availability: 99.5, replicas: 3 },
      cache: { kind: 'cache', latencyMs: 1 },
    },
    links: [
      { from: 'c', to: 'agg' },
      { from: 'agg', to: 'x', parallel: true },
      { from: 'agg', to: 'y', parallel: true },
      { from: 'agg', to: 'z', calls: 2 },
      { from: 'x', to: 'ext' },
      { from: 'agg', to: 'cache', optional: true, calls: 0 },
    ],
  });
  const r = analyze(m);

  it('takes the maximum over parallel links and the sum over sequential ones', () => {
    // calls: 0 on the cache link: ceil(0) = 0 calls, nothing added.
    expect(r.nodes.agg!.latencyMs).toBe(69);
    expect(r.entries.c!.latencyMs).toBe(69);
  });

  it('ignores replicas for external nodes and drops optional links from the closure', () => {
    expect(r.nodes.ext!.availability).toBeCloseTo(99.5, 12);
    expect(r.entries.c!.availability).toBeCloseTo(0.999 ** 4 * 0.995 * 100, 9);
    expect(r.nodes.cache!.blastRadius).toEqual([]);
    expect(r.nodes.ext!.blastRadius).toEqual(['c']);
  });

  it('reports maxScale null when nothing is capacity-checked', () => {
    expect(r.summary.maxScale).toBeNull();
    expect(r.summary.bottleneck).toBeNull();
  });
});

describe('cycles, unbounded and undefined values', () => {
  // c -> f -> a <-> b (a sync cycle), b -> d (downstream of the cycle), c -> e.
  // a, b: on a cycle, load and latency null. d: load depends on the cycle: null, so latency null.
  // f: load 10 (not downstream of the cycle) but it calls a synchronously: latency null.
  // e: fine. Entry c calls f: latency null (undefined, not unbounded).
  const m = model({
    nodes: {
      c: { kind: 'client', rps: 10 },
      f: { kind: 'service', latencyMs: 1 },
      a: { kind: 'service', latencyMs: 1 },
      b: { kind: 'service', latencyMs: 1 },
      d: { kind: 'database', latencyMs: 1 },
      e: { kind: 'service', latencyMs: 4 },
    },
    links: [
      { from: 'c', to: 'f' },
      { from: 'f', to: 'a', timeoutMs: 100 },
      { from: 'a', to: 'b', timeoutMs: 100 },
      { from: 'b', to: 'a', timeoutMs: 100 },
      { from: 'b', to: 'd', timeoutMs: 100 },
      { from: 'c', to: 'e' },
    ],
  });
  const r = analyze(m);

  it('gives null load and latency on and below a cycle', () => {
    expect(r.nodes.a!.load).toBeNull();
    expect(r.nodes.b!.load).toBeNull();
    expect(r.nodes.d!.load).toBeNull();
    expect(r.nodes.a!.latencyMs).toBeNull();
    expect(r.nodes.d!.latencyMs).toBeNull();
    expect(r.nodes.a!.onCycle).toBe(true);
    expect(r.nodes.d!.onCycle).toBe(false);
    expect(r.links!['a->b']!.load).toBeNull();
    expect(r.links!['f->a']!.load).toBe(10);
  });

  it('makes every synchronous caller of an undefined node undefined', () => {
    expect(r.nodes.f!.load).toBe(10);
    expect(r.nodes.f!.latencyMs).toBeNull();
    expect(r.entries.c!.latencyMs).toBeNull();
    expect(r.entries.c!.latencyUnbounded).toBe(false);
    expect(r.nodes.e!.latencyMs).toBe(4);
  });

  it('reports the cycle and does not count an undefined budget against the SLO', () => {
    const cycles = r.findings.filter((f) => f.rule === 'resilience.sync-cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.nodes).toEqual(['a', 'b']);
    expect(cycles[0]!.links).toEqual(['a->b', 'b->a']);
    expect(r.findings.some((f) => f.rule === 'latency.slo')).toBe(false);
  });

  it('treats a cycle through a topic as a load cycle, but not a sync cycle', () => {
    // svc publishes to t and consumes its own events: load(svc) = 5 + load(t) = 5 + load(svc): undefined.
    const loop = model({
      nodes: {
        c: { kind: 'client', rps: 5 },
        svc: { kind: 'service', latencyMs: 2 },
        t: { kind: 'topic', deadLetter: true },
      },
      links: [
        { from: 'c', to: 'svc' },
        { from: 'svc', to: 't' },
        { from: 't', to: 'svc' },
      ],
    });
    const lr = analyze(loop);
    expect(lr.nodes.svc!.load).toBeNull();
    expect(lr.nodes.t!.load).toBeNull();
    expect(lr.nodes.svc!.latencyMs).toBeNull();
    expect(lr.nodes.c!.load).toBe(5);
    expect(lr.findings.some((f) => f.rule === 'resilience.sync-cycle')).toBe(false);
  });

  it('gives null latency, flagged unbounded, at utilization >= 1', () => {
    // load(s) = 300 over 2 x 100 = 200: utilization 1.5, R(s) unbounded; so is the entry.
    const hot = model({
      nodes: {
        c: { kind: 'client', rps: 300 },
        s: { kind: 'service', replicas: 2, capacity: { rps: 100 }, latencyMs: 10 },
      },
      links: [{ from: 'c', to: 's' }],
    });
    const hr = analyze(hot);
    expect(hr.nodes.s!.utilization).toBe(1.5);
    expect(hr.nodes.s!.latencyMs).toBeNull();
    expect(hr.nodes.s!.latencyUnbounded).toBe(true);
    expect(hr.entries.c!.latencyMs).toBeNull();
    expect(hr.entries.c!.latencyUnbounded).toBe(true);
    // maxScale = 200 / 300 < 1: already past saturation.
    expect(hr.summary.maxScale).toBeCloseTo(2 / 3, 12);
  });

  it('gives undefined latency to a node calling a node that does not exist', () => {
    const dangling = model({
      nodes: { c: { kind: 'client', rps: 1 }, s: { kind: 'service', latencyMs: 3 } },
      links: [
        { from: 'c', to: 's' },
        { from: 's', to: 'ghost', timeoutMs: 10 },
      ],
    });
    const dr = analyze(dangling);
    expect(dr.nodes.s!.load).toBe(1);
    expect(dr.nodes.s!.latencyMs).toBeNull();
    expect(dr.links!['s->ghost']!.load).toBe(1);
  });

  it('handles a 10,000-node chain ending in a cycle without overflowing the stack', () => {
    const n = 10_000;
    const nodes: Record<string, { kind: 'service'; latencyMs: number } | { kind: 'client'; rps: number }> = { c: { kind: 'client', rps: 1 } };
    const links = [{ from: 'c', to: 's0' }];
    for (let i = 0; i < n; i++) {
      nodes[`s${i}`] = { kind: 'service', latencyMs: 1 };
      if (i > 0) links.push({ from: `s${i - 1}`, to: `s${i}` });
    }
    const chain = analyze(model({ nodes, links }));
    // R(s_i) = n - i without the cycle.
    expect(chain.nodes.s0!.latencyMs).toBe(n);
    expect(chain.nodes[`s${n - 1}`]!.load).toBe(1);
    expect(chain.findings.find((f) => f.rule === 'resilience.deep-sync-chain')!.message).toContain('10,000 synchronous hops');
    // Close a cycle at the far end: everything upstream calls into it synchronously.
    const cyclic = analyze(model({ nodes, links: [...links, { from: `s${n - 1}`, to: `s${n - 2}` }] }));
    expect(cyclic.nodes.s0!.load).toBe(1);
    expect(cyclic.nodes.s0!.latencyMs).toBeNull();
    expect(cyclic.nodes[`s${n - 1}`]!.load).toBeNull();
    // A path stops at the first node on a sync cycle: c -> s0 ... s9998 is 9,999 links.
    expect(cyclic.findings.find((f) => f.rule === 'resilience.deep-sync-chain')!.message).toContain('9,999 synchronous hops');
  });
});
