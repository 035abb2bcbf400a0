import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffArrays } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Model, ModelNode } from '../model/types';
import { parseModel } from '../parse';
import { generateModel } from '../testing/generate-model';
import { TRICKY } from './tricky-model.testkit';
import { patchModelText } from './patch';
import { updateModelText, writeModel } from './index';

const read = (p: string) => readFileSync(join(import.meta.dirname, p), 'utf8');

/** Hand-written texts: comments above, beside and below entries, flow and block nodes, a block scalar. */
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
    description: |
      Double-entry ledger.
      # not a comment: part of the text
  ledger-db: {kind: database, engine: postgres}   # flow style

  audit:
    kind: service
    # trailing note
  # more nodes to come
links:
  - {from: api, to: ledger, timeoutMs: 500} # critical path
  - from: ledger
    to: ledger-db
    timeoutMs: 200
contexts:
  payments: { name: Payments }   # money
notes:
  - { id: n1, text: Ask about retries, x: 0, y: -80 }
# positions from the studio
layout:
  api: { x: 0, y: 0 }
  ledger: {x: 200, y: 0}   # by hand
  ledger-db: { x: 400, y: 0 }
`;

/** A generated model's canonical text with comments sprinkled over its node and layout lines. */
function annotated(seed: number): string {
  const m = generateModel({ nodes: 14, links: 24, seed });
  const ids = Object.keys(m.nodes);
  m.layout = Object.fromEntries(ids.map((id, i) => [id, { x: i * 10, y: i === 0 ? 0 : -i }]));
  const lines = writeModel(m).split('\n');
  let inNodes = false;
  return lines
    .map((l, i) => {
      if (/^\S/.test(l)) inNodes = l === 'nodes:' || l === 'layout:';
      if (!inNodes || (i * 7 + seed) % 5 !== 0) return l;
      // A full-line comment above, indented as the line it annotates.
      return `${' '.repeat(l.length - l.trimStart().length)}# note ${i}\n${l}`;
    })
    .join('\n');
}

const commentsOf = (text: string) => text.split('\n').flatMap((l) => /(?:^|\s)(#.*)$/.exec(l)?.[1] ?? []).filter((c) => c.length > 1);
const changedLines = (a: string, b: string) =>
  diffArrays(a.split('\n'), b.split('\n')).reduce((n, c) => n + (c.added || c.removed ? c.count ?? c.value.length : 0), 0);

const modelOf = (text: string): Model => {
  const r = parseModel(text, 't.keel.yaml');
  expect(r.problems).toEqual([]);
  return structuredClone(r.model!);
};

type Edit = (m: Model, pick: number, value: string | number) => void;
const nodeAt = (m: Model, pick: number): [string, ModelNode] => {
  const ids = Object.keys(m.nodes);
  const id = ids[pick % ids.length]!;
  return [id, m.nodes[id]!];
};
const EDITS: Record<string, Edit> = {
  replicas: (m, pick, v) => void (nodeAt(m, pick)[1].replicas = typeof v === 'number' ? (Math.abs(Math.round(v)) % 500) + 1 : 2),
  name: (m, pick, v) => void (nodeAt(m, pick)[1].name = String(v)),
  tech: (m, pick, v) => void (nodeAt(m, pick)[1].tech = String(v)),
  dropField: (m, pick) => {
    const n = nodeAt(m, pick)[1] as unknown as Record<string, unknown>;
    const k = Object.keys(n).find((k) => k !== 'kind');
    if (k) delete n[k];
  },
  capacity: (m, pick, v) => void (nodeAt(m, pick)[1].capacity = { rps: typeof v === "number" ? Math.abs(v) % 1e6 : 5 }),
  move: (m, pick, v) => {
    const [id] = nodeAt(m, pick);
    if (m.layout?.[id]) m.layout[id] = { x: (typeof v === 'number' ? v : 1) + 0, y: 7 };
  },
  place: (m, pick) => {
    const [id] = nodeAt(m, pick);
    if (m.layout) m.layout[id] = { x: pick, y: 0 - pick + 0 };
  },
  add: (m, pick, v) => {
    m.nodes[`added-${pick}`] = { kind: 'cache', name: String(v), engine: 'redis' } as ModelNode;
    if (m.layout) m.layout[`added-${pick}`] = { x: 5, y: 5 };
  },
  remove: (m, pick) => {
    const [id] = nodeAt(m, pick);
    if ((m.links ?? []).some((l) => l.from === id || l.to === id)) return;
    delete m.nodes[id];
    if (m.layout) delete m.layout[id];
  },
  removeWithLinks: (m, pick) => {
    const [id] = nodeAt(m, pick);
    delete m.nodes[id];
    if (m.layout) delete m.layout[id];
    if (m.links) m.links = m.links.filter((l) => l.from !== id && l.to !== id);
  },
  connect: (m, pick) => {
    const ids = Object.keys(m.nodes);
    m.links?.push({ from: ids[pick % ids.length]!, to: ids[(pick + 1) % ids.length]! });
  },
  disconnect: (m, pick) => void m.links?.splice(pick % Math.max(1, m.links.length), 1),
  context: (m, pick, v) => {
    const ids = Object.keys(m.contexts ?? {});
    if (ids.length) m.contexts![ids[pick % ids.length]!] = { name: String(v) };
  },
  note: (m, pick, v) => void m.notes?.push({ id: `note-${pick}`, text: String(v), x: pick, y: 1 }),
  suppress: (m, pick, v) => {
    const [id] = nodeAt(m, pick);
    m.suppress?.push({ rule: 'resilience.spof', node: id, reason: String(v) });
  },
  slo: (m, pick) => {
    if (m.slo) m.slo = { ...m.slo, availability: 99 + (pick % 10) / 10 };
  },
  firstLayout: (m, pick) => {
    if (m.layout) return;
    m.layout = { [nodeAt(m, pick)[0]]: { x: pick, y: 3 } };
  },
  linkField: (m, pick, v) => {
    const l = m.links?.[pick % Math.max(1, m.links.length)];
    if (l) l.timeoutMs = typeof v === 'number' ? Math.abs(Math.round(v)) % 10_000 : 250;
  },
};

const value = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 12 }), fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
const edits = fc.array(fc.tuple(fc.constantFrom(...Object.keys(EDITS)), fc.nat(40), value), { minLength: 1, maxLength: 4 });

describe('patchModelText (the quick route of updateModelText)', () => {
  it('writes what the Document route writes (or touches fewer lines), for node and link edits, moves, additions and removals', () => {
    const noLayout = HAND_WRITTEN.slice(0, HAND_WRITTEN.indexOf('# positions from the studio'));
    const texts = [HAND_WRITTEN, read('fixtures/annotated.keel.yaml'), read('../testing/fixtures/online-shop.keel.yaml'), annotated(1), annotated(2), noLayout];
    let patched = 0;
    let same = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.nat(texts.length - 1), edits, (t, list) => {
        const text = texts[t]!;
        const old = modelOf(text);
        const next = structuredClone(old);
        for (const [name, pick, v] of list) EDITS[name]!(next, pick, v);
        total++;
        const out = patchModelText(text, old, next);
        if (out === undefined) return;
        patched++;
        // Read as YAML, not validated: an edit may make the model invalid (a removed node still named elsewhere).
        expect(parse(out)).toEqual(next);
        const viaDocument = updateModelText(text, next);
        if (out === viaDocument) same++;
        else {
          // The Document route re-renders a collection's lines when one of its entries changes (a comment
          // beside a section's key moves to the next line); this route leaves them as they were.
          expect(changedLines(text, out)).toBeLessThan(changedLines(text, viaDocument));
        }
        // Every comment the Document route keeps, this one keeps.
        for (const c of commentsOf(viaDocument)) expect(out).toContain(c);
      }),
      { numRuns: 300 },
    );
    // The common edits take this route most of the time (the rest is what it hands back on purpose).
    expect(patched / total).toBeGreaterThan(0.6);
    expect(same / patched).toBeGreaterThan(0.8);
  });

  it('keeps every comment and the lines of untouched entries byte for byte', () => {
    const old = modelOf(HAND_WRITTEN);
    const next = structuredClone(old);
    next.nodes.api!.replicas = 4;
    next.nodes.ledger!.tech = 'yes';
    next.layout!.ledger = { x: 210, y: 0 };
    const out = patchModelText(HAND_WRITTEN, old, next)!;
    expect(out).toBe(updateModelText(HAND_WRITTEN, next));
    expect(out).toBe(
      HAND_WRITTEN.replace('replicas: 2 # two for failover', 'replicas: 4 # two for failover')
        .replace('tech: Kotlin # migrating from Java', 'tech: yes # migrating from Java')
        .replace('ledger: {x: 200, y: 0}   # by hand', 'ledger: { x: 210, y: 0 } # by hand'),
    );
  });

  it('moves every node of a laid-out model (an auto-layout) line by line, as the Document route writes them', () => {
    const base = generateModel({ nodes: 60, links: 120, seed: 9 });
    const ids = Object.keys(base.nodes);
    const old = { ...base, layout: Object.fromEntries(ids.map((id, i) => [id, { x: i * 230, y: -i * 10 }])) };
    const next = { ...old, layout: Object.fromEntries(ids.map((id, i) => [id, { x: i * 241.5, y: 7 - i }])) };
    const text = writeModel(old);
    const out = patchModelText(text, old, next);
    expect(out).toBe(updateModelText(text, next));
    expect(out).toBe(writeModel(next));
  });

  it('appends the first layout of a model that had none, as the Document route does', () => {
    const text = HAND_WRITTEN.slice(0, HAND_WRITTEN.indexOf('# positions from the studio'));
    const old = modelOf(text);
    const next = { ...old, layout: { api: { x: 10, y: 20 }, ledger: { x: 200, y: 20 } } };
    const out = patchModelText(text, old, next);
    expect(out).toBe(updateModelText(text, next));
    expect(out).toBe(text + 'layout:\n  api: { x: 10, y: 20 }\n  ledger: { x: 200, y: 20 }\n');
  });

  it('hands back what it does not edit: other sections, anchors, a removal under a comment', () => {
    const old = modelOf(HAND_WRITTEN);
    const other = structuredClone(old);
    other.description = 'changed';
    expect(patchModelText(HAND_WRITTEN, old, other)).toBeUndefined();
    const removeUnderComment = structuredClone(old);
    delete removeUnderComment.nodes.api;
    delete removeUnderComment.layout!.api;
    expect(patchModelText(HAND_WRITTEN, old, removeUnderComment)).toBeUndefined();
    const anchored = HAND_WRITTEN.replace('capacity: {rps: 400}', 'capacity: &cap {rps: 400}');
    const a = modelOf(anchored);
    const b = structuredClone(a);
    b.nodes.api!.replicas = 9;
    expect(patchModelText(anchored, a, b)).toBeUndefined();
    expect(patchModelText(HAND_WRITTEN, old, old)).toBe(HAND_WRITTEN);
  });
});
