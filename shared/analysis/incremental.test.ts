/**
 * createAnalyzer() keeps the graph's indexes, components and closures between
 * runs. Property: after any sequence of edits (field edits that keep the
 * shape, and edits that change it), its result equals a full `analyze` of the
 * same model, compared as JSON. Edits are made both as copies (as the canvas
 * does) and in place (the shape is compared by value, not by identity).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Link, Model, ModelNode } from '../model/types';
import { generateModel } from '../testing/generate-model';
import { planGraph, replan } from './context';
import { analyze, createAnalyzer } from './index';
import type { WhatIfOptions } from './types';

type Edit = { op: number; a: number; b: number; value: number; inPlace: boolean };

const edit: fc.Arbitrary<Edit> = fc.record({
  op: fc.nat({ max: 15 }),
  a: fc.nat(),
  b: fc.nat(),
  value: fc.double({ min: 0, max: 4, noNaN: true }),
  inPlace: fc.boolean(),
});

/** One edit; returns the edited model (a copy unless inPlace). */
function apply(m: Model, e: Edit): Model {
  const ids = Object.keys(m.nodes);
  // Node removals can empty the model; there is nothing left to edit then.
  if (ids.length === 0) return m;
  const id = ids[e.a % ids.length]!;
  const links = m.links ?? [];
  const k = links.length > 0 ? e.b % links.length : -1;
  const node = (patch: (n: ModelNode) => ModelNode): Model => {
    if (e.inPlace) {
      Object.assign(m.nodes[id]!, patch({ ...m.nodes[id]! }));
      return m;
    }
    return { ...m, nodes: { ...m.nodes, [id]: patch({ ...m.nodes[id]! }) } };
  };
  const link = (patch: (l: Link) => Link): Model => {
    if (k < 0) return m;
    if (e.inPlace) {
      const next = patch({ ...links[k]! });
      for (const key of Object.keys(links[k]!)) if (!(key in next)) delete (links[k] as Record<string, unknown>)[key];
      Object.assign(links[k]!, next);
      return m;
    }
    const copy = [...links];
    copy[k] = patch({ ...links[k]! });
    return { ...m, links: copy };
  };
  switch (e.op) {
    // Field edits: the shape stays.
    case 0:
      return node((n) => ({ ...n, replicas: 1 + Math.floor(e.value) }));
    case 1:
      return node((n) => ({ ...n, capacity: { rps: 1 + e.value * 500 } }));
    case 2:
      return node((n) => (n.kind === 'client' ? { ...n, rps: e.value * 300 } : { ...n, latencyMs: e.value * 10 }));
    case 3:
      return node((n) => ({ ...n, availability: 99 + e.value / 4 }));
    case 4:
      return link((l) => ({ ...l, calls: e.value }));
    case 5:
      return link((l) => ({ ...l, timeoutMs: 1 + e.value * 400, retries: Math.floor(e.value) }));
    case 6:
      return link((l) => ({ ...l, parallel: !l.parallel }));
    case 7:
      return { ...m, slo: { availability: 99 + e.value / 4, latencyP99Ms: 50 + e.value * 100 } };
    case 8:
      return node((n) => ({ ...n, replicas: 1 }));
    // Shape edits.
    case 9:
      return link((l) => ({ ...l, optional: !l.optional }));
    case 10:
      return link((l) => ({ ...l, async: !l.async }));
    case 11: {
      const to = ids[e.b % ids.length]!;
      return { ...m, links: [...links, { from: id, to, ...(e.value > 2 ? { optional: true } : {}) }] };
    }
    case 12:
      return k < 0 ? m : { ...m, links: links.filter((_, i) => i !== k) };
    case 13:
      return node((n) => (n.kind === 'service' ? ({ ...n, kind: 'worker' } as ModelNode) : n));
    case 14:
      return link((l) => ({ ...l, group: l.group ? undefined : 'g1' }));
    default: {
      // A node removed, with its links.
      const { [id]: _gone, ...rest } = m.nodes;
      return { ...m, nodes: rest, links: links.filter((l) => l.from !== id && l.to !== id) };
    }
  }
}

const asJson = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

describe('createAnalyzer', () => {
  it('gives the same result as a full analysis after any sequence of edits', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        fc.array(fc.tuple(edit, fc.constantFrom<WhatIfOptions>({}, { loadFactor: 2 }, { failed: ['service-3'] })), { minLength: 1, maxLength: 8 }),
        (seed, nodes, cycles, compounding, edits) => {
          let m = generateModel({ nodes, links: nodes * 2, seed, cycles, shape: compounding ? 'compounding' : 'sized' });
          const analyzer = createAnalyzer();
          expect(asJson(analyzer.analyze(m))).toEqual(asJson(analyze(m)));
          for (const [e, options] of edits) {
            m = apply(m, e);
            expect(asJson(analyzer.analyze(m, options))).toEqual(asJson(analyze(m, options)));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reuses the plan for a field edit and rebuilds it when the shape changes', () => {
    const m = generateModel({ nodes: 40, links: 80, seed: 5 });
    const first = replan(null, m);
    const id = Object.keys(m.nodes).find((k) => m.nodes[k]!.kind === 'service')!;
    const edited: Model = { ...m, nodes: { ...m.nodes, [id]: { ...m.nodes[id]!, replicas: 7 } } };
    const second = replan(first, edited);
    expect(second.availability).toBe(first.availability);
    expect(second.graph.out).toBe(first.graph.out);
    expect(second.graph.nodes[second.graph.index.get(id)!]!.replicas).toBe(7);
    const links = [...m.links!];
    links[0] = { ...links[0]!, optional: !links[0]!.optional };
    const third = replan(second, { ...edited, links });
    expect(third.availability).not.toBe(second.availability);
    // A plain analysis keeps no shape to compare with.
    expect(planGraph(m).shape).toBeUndefined();
  });
});
