/**
 * Property tests: random valid models (shaped by the deterministic generator
 * with random seeds and sizes, then randomly mutated: extra links of every
 * mode, cycles, self-calls, changed capacities) must always analyse, and the
 * result must keep its invariants. Loads are also checked against a naive
 * fixed-point reference written independently of the engine.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelSchema } from '../model/schema';
import { callsOf, linkMode, resolveLinks } from '../model/defaults';
import type { Link, Model } from '../model/types';
import { generateModel } from '../testing/generate-model';
import { compareFindings } from './findings';
import { analyze } from './index';
import type { AnalysisResult } from './types';

interface Mutation {
  op: 'link' | 'capacity' | 'rps';
  a: number;
  b: number;
  flags: number;
  value: number;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('link', 'link', 'link', 'capacity', 'rps'),
  a: fc.nat(),
  b: fc.nat(),
  flags: fc.nat({ max: 63 }),
  value: fc.double({ min: 0, max: 5, noNaN: true }),
});

const arbitraryModel: fc.Arbitrary<Model> = fc
  .record({
    seed: fc.integer(),
    nodes: fc.integer({ min: 2, max: 50 }),
    density: fc.double({ min: 0.5, max: 3, noNaN: true }),
    cycles: fc.integer({ min: 0, max: 4 }),
    mutations: fc.array(mutation, { maxLength: 12 }),
  })
  .map(({ seed, nodes, density, cycles, mutations }) => {
    const m = generateModel({ nodes, links: Math.round(nodes * density), seed, cycles, rich: seed % 2 === 0 });
    const ids = Object.keys(m.nodes);
    const links: Link[] = [...(m.links ?? [])];
    for (const mu of mutations) {
      const a = ids[mu.a % ids.length]!;
      const b = ids[mu.b % ids.length]!;
      const node = m.nodes[a]!;
      if (mu.op === 'link') {
        links.push({
          from: a,
          to: b, // may be a itself: a self-call
          calls: mu.value,
          ...(mu.flags & 1 ? { async: true } : {}),
          ...(mu.flags & 2 ? { optional: true } : {}),
          ...(mu.flags & 4 ? { parallel: true } : {}),
          ...(mu.flags & 8 ? { retries: mu.flags % 4 } : {}),
          ...(mu.flags & 16 ? { timeoutMs: 1 + mu.value * 100 } : {}),
          ...(mu.flags & 32 ? { group: `g${mu.flags % 3}` } : {}),
        });
      } else if (mu.op === 'capacity') {
        node.capacity = { rps: 1 + mu.value * 100 };
        node.replicas = 1 + (mu.flags % 4);
      } else if (node.kind === 'client') {
        node.rps = mu.value * 200;
      }
    }
    return ModelSchema.parse({ ...m, links });
  });

/** Naive reference: node loads by fixed-point iteration; null where a node is on or below a load cycle. */
function referenceLoads(m: Model): Record<string, number | null> {
  const ids = Object.keys(m.nodes);
  const all = resolveLinks(m);
  const links = all.filter((l) => m.nodes[l.from] && m.nodes[l.to] && m.nodes[l.to]!.kind !== 'client');
  const reaches = (from: string, target: string): boolean => {
    const seen = new Set<string>();
    const todo = [from];
    while (todo.length) {
      const v = todo.pop()!;
      for (const l of links) {
        if (l.from !== v || seen.has(l.to)) continue;
        if (l.to === target) return true;
        seen.add(l.to);
        todo.push(l.to);
      }
    }
    return false;
  };
  const cyclic = new Set(ids.filter((v) => reaches(v, v)));
  const tainted = new Set(ids.filter((v) => cyclic.has(v) || [...cyclic].some((c) => reaches(c, v))));
  // Every consume link shares the rate, also one into a client or a missing node.
  const consumers = (q: string) => all.filter((l) => l.from === q && linkMode(m, l) === 'consume');
  const load: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
  for (let round = 0; round <= ids.length; round++) {
    for (const id of ids) {
      const n = m.nodes[id]!;
      if (n.kind === 'client') {
        load[id] = n.rps ?? 0;
        continue;
      }
      let sum = 0;
      for (const l of links) {
        if (l.to !== id || tainted.has(l.from)) continue;
        if (linkMode(m, l) === 'consume') {
          const all = consumers(l.from);
          const group = m.nodes[l.from]!.kind === 'queue' ? all : all.filter((c) => (c.group ?? c.to) === (l.group ?? l.to));
          sum += load[l.from]! / group.length;
        } else {
          sum += load[l.from]! * callsOf(l);
        }
      }
      load[id] = sum;
    }
  }
  return Object.fromEntries(ids.map((id) => [id, tainted.has(id) ? null : load[id]!]));
}

/** Loads in generated DAGs grow geometrically: compare them relatively. */
const relativeError = (got: number, expected: number): number => Math.abs(got - expected) / Math.max(1, Math.abs(expected));

function checkInvariants(m: Model, r: AnalysisResult): void {
  for (const [id, n] of Object.entries(r.nodes)) {
    if (n.load !== null) expect(n.load).toBeGreaterThanOrEqual(0);
    if (n.load !== null && n.capacity !== null) expect(n.utilization).toBe(n.load / n.capacity);
    else expect(n.utilization).toBeNull();
    expect(n.availability).toBeGreaterThan(0);
    expect(n.availability).toBeLessThanOrEqual(100);
    if (n.latencyMs !== null) expect(n.latencyMs).toBeGreaterThanOrEqual(0);
    for (const c of n.blastRadius) {
      expect(m.nodes[c]!.kind).toBe('client');
      // An entry is at most as available as each member of its closure.
      expect(r.entries[c]!.availability).toBeLessThanOrEqual(n.availability + 1e-9);
    }
    expect(id in m.nodes).toBe(true);
  }
  // Link figures use the ids resolveLinks gives, in model order.
  expect(Object.values(r.links!).map((l) => l.index)).toEqual(resolveLinks(m).map((l) => l.index));
  expect(Object.keys(r.links!)).toEqual(resolveLinks(m).map((l) => l.id));
  for (const sev of ['critical', 'warning', 'info'] as const) {
    expect(r.summary[sev]).toBe(r.findings.filter((f) => f.severity === sev && !f.suppressed).length);
  }
  if (r.summary.maxScale !== null) {
    expect(r.summary.maxScale).toBeGreaterThan(0);
    const b = r.nodes[r.summary.bottleneck!]!;
    expect(relativeError(r.summary.maxScale, b.capacity! / b.load!)).toBeLessThan(1e-12);
  }
  // Deterministic order: severity, rule, subject.
  expect([...r.findings].sort(compareFindings)).toEqual(r.findings);
  for (const f of r.findings) {
    expect(f.nodes.length).toBeGreaterThan(0);
    expect(f.message).not.toMatch(/undefined|NaN|\[object/);
    expect(f.suggestion).not.toMatch(/undefined|NaN|\[object/);
  }
}

describe('analysis properties', () => {
  it('terminates, never throws, and keeps its invariants on random models with cycles', () => {
    fc.assert(
      fc.property(arbitraryModel, (m) => {
        const before = JSON.stringify(m);
        const r = analyze(m);
        expect(JSON.stringify(m)).toBe(before);
        checkInvariants(m, r);
        // JSON round-trips: no NaN, Infinity or undefined hides in the figures.
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
      }),
      { numRuns: 150 },
    );
  });

  it('matches a naive fixed-point reference for loads, with null exactly on and below load cycles', () => {
    fc.assert(
      fc.property(arbitraryModel, (m) => {
        const r = analyze(m);
        const ref = referenceLoads(m);
        for (const [id, expected] of Object.entries(ref)) {
          const got = r.nodes[id]!.load;
          if (expected === null) expect(got, id).toBeNull();
          else expect(relativeError(got!, expected), id).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('what-if under random load factors and failures stays consistent', () => {
    fc.assert(
      fc.property(arbitraryModel, fc.double({ min: 0.1, max: 10, noNaN: true }), fc.array(fc.nat(), { maxLength: 3 }), (m, factor, picks) => {
        const ids = Object.keys(m.nodes);
        const failed = [...new Set(picks.map((p) => ids[p % ids.length]!))];
        const base = analyze(m);
        const r = analyze(m, { loadFactor: factor, failed });
        checkInvariants(m, r);
        const w = r.whatIf!;
        expect(w.failed).toEqual(failed);
        const entries = Object.keys(r.entries);
        for (const e of [...w.downEntries, ...w.survivingEntries]) expect(entries).toContain(e);
        expect(w.downEntries.filter((e) => w.survivingEntries.includes(e))).toEqual([]);
        for (const f of failed) expect(w.affectedNodes).toContain(f);
        // Entries down are exactly those whose closure holds a failed node (or that failed themselves).
        const expectedDown = entries.filter((e) => failed.includes(e) || failed.some((f) => base.nodes[f]!.blastRadius.includes(e)));
        expect(w.downEntries).toEqual(expectedDown);
        // Loads scale linearly with the factor.
        for (const [id, n] of Object.entries(base.nodes)) {
          if (n.load === null) expect(r.nodes[id]!.load).toBeNull();
          else expect(relativeError(r.nodes[id]!.load!, n.load * factor), id).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 80 },
    );
  });
});
