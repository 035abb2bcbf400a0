import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model } from '../model/types';
import { parseModel } from '../parse';
import { generateModel } from '../testing/generate-model';
import { updateModelText, writeModel } from './index';

const HAND_WRITTEN = `# Payments platform (hand-written)
keel: 1
name: Payments
nodes:
  # the public API
  api:
    kind: gateway
    replicas: 2 # two for failover
    latencyMs: 5
  ledger:
    kind: service
    tech: Kotlin # migrating from Java
    replicas: 3
    capacity: {rps: 400}
  ledger-db:
    kind: database
    engine: postgres
links:
  - {from: api, to: ledger, timeoutMs: 500} # critical path
  - from: ledger
    to: ledger-db
    timeoutMs: 200
# positions from the studio
layout:
  api: { x: 0, y: 0 }
`;

const model = (): Model => {
  const r = parseModel(HAND_WRITTEN, 'p');
  expect(r.problems).toEqual([]);
  return structuredClone(r.model!);
};

describe('updateModelText', () => {
  it('returns the text unchanged when the model did not change', () => {
    expect(updateModelText(HAND_WRITTEN, model())).toBe(HAND_WRITTEN);
  });

  it('changes only what changed, keeping comments and the author’s formatting', () => {
    const m = model();
    m.nodes.api!.replicas = 4;
    delete m.nodes.ledger!.tech;
    m.nodes['ledger-db']!.replicas = 2;
    m.nodes.cache = { kind: 'cache', engine: 'redis', capacity: { rps: 9000 } };
    m.links!.push({ from: 'ledger', to: 'cache', timeoutMs: 50 });
    m.layout!.ledger = { x: 200, y: 0 };
    expect(updateModelText(HAND_WRITTEN, m)).toBe(`# Payments platform (hand-written)
keel: 1
name: Payments
nodes:
  # the public API
  api:
    kind: gateway
    replicas: 4 # two for failover
    latencyMs: 5
  ledger:
    kind: service
    replicas: 3
    capacity: {rps: 400}
  ledger-db:
    kind: database
    replicas: 2
    engine: postgres
  cache:
    kind: cache
    capacity: { rps: 9000 }
    engine: redis
links:
  - {from: api, to: ledger, timeoutMs: 500} # critical path
  - from: ledger
    to: ledger-db
    timeoutMs: 200
  - { from: ledger, to: cache, timeoutMs: 50 }
# positions from the studio
layout:
  api: { x: 0, y: 0 }
  ledger: { x: 200, y: 0 }
`);
  });

  it('removes a list item in the middle without touching its neighbours', () => {
    const m = model();
    m.links!.splice(0, 1);
    const out = updateModelText(HAND_WRITTEN, m);
    expect(out).toContain('links:\n  - from: ledger\n    to: ledger-db\n    timeoutMs: 200\n# positions from the studio\n');
    expect(out).toContain('replicas: 2 # two for failover');
    expect(parseModel(out, 'p').model).toEqual(m);
  });

  it('falls back to the canonical form when the original text is not a readable model', () => {
    const m = model();
    expect(updateModelText('keel: [unclosed', m)).toBe(writeModel(m));
    expect(updateModelText('', m)).toBe(writeModel(m));
  });

  it('always produces a text that reads back as the new model', () => {
    const base = generateModel({ nodes: 30, links: 60, seed: 7 });
    const original = writeModel(base);
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(29), fc.boolean(), (seed, pick, drop) => {
        const next = structuredClone(base);
        const ids = Object.keys(next.nodes);
        const id = ids[pick]!;
        const other = generateModel({ nodes: 30, links: 60, seed });
        next.nodes[id] = other.nodes[Object.keys(other.nodes)[pick]!]!;
        if (drop) next.links = next.links!.filter((_, i) => i % 3 !== seed % 3);
        next.description = `changed ${seed}: yes`;
        const out = updateModelText(original, next);
        const r = parseModel(out, 'u');
        expect(r.problems).toEqual([]);
        expect(r.model).toEqual(next);
        // Nodes that did not change keep their lines.
        const untouched = ids[(pick + 1) % ids.length]!;
        const block = original.slice(original.indexOf(`\n  ${untouched}:`)).split('\n  ').slice(0, 2).join('\n  ');
        expect(out).toContain(block);
      }),
      { numRuns: 40 },
    );
  });
});
