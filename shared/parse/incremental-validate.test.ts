import fc from 'fast-check';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import type { Model } from '../model/types';
import { generateModel } from '../testing/generate-model';
import { createValidator } from './incremental-validate';
import { validateModel } from './validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Draft = any;

/** One studio-like edit, valid or not, applied with immer as the studio applies it. */
type Edit = (m: Draft, pick: (xs: readonly string[]) => string, n: number) => void;

const nodeIds = (m: Draft): string[] => Object.keys(m.nodes ?? {});
const EDITS: Record<string, Edit> = {
  replicas: (m, pick, n) => {
    const id = pick(nodeIds(m));
    if (m.nodes[id]) m.nodes[id].replicas = n % 4; // 0 is invalid
  },
  badValue: (m, pick, n) => {
    const id = pick(nodeIds(m));
    if (m.nodes[id]) m.nodes[id].capacity = n % 2 ? { rps: 'lots' } : { rps: n };
  },
  unknownKey: (m, pick) => {
    const id = pick(nodeIds(m));
    if (m.nodes[id]) m.nodes[id].replica = 2;
  },
  badKind: (m, pick, n) => {
    const id = pick(nodeIds(m));
    if (m.nodes[id]) m.nodes[id].kind = n % 2 ? 'servic' : 'queue';
  },
  nullNode: (m, pick) => {
    m.nodes[pick(nodeIds(m))] = null;
  },
  addNode: (m, _pick, n) => {
    m.nodes[n % 3 === 0 ? `Bad Id ${n}` : `added-${n}`] = { kind: n % 2 ? 'service' : 'topic', context: n % 5 === 0 ? 'nowhere' : undefined };
  },
  removeNode: (m, pick) => {
    delete m.nodes[pick(nodeIds(m))];
  },
  renameNode: (m, pick, n) => {
    const id = pick(nodeIds(m));
    const node = m.nodes[id];
    delete m.nodes[id];
    m.nodes[`renamed-${n}`] = node;
  },
  move: (m, pick, n) => {
    m.layout ??= {};
    m.layout[pick(nodeIds(m))] = { x: n, y: -n };
  },
  badMove: (m, _pick, n) => {
    m.layout ??= {};
    m.layout[`ghost-${n % 3}`] = n % 2 ? { x: 'left', y: 0 } : { x: 1, y: 2 };
  },
  addLink: (m, pick, n) => {
    m.links ??= [];
    m.links.splice(n % (m.links.length + 1), 0, { from: pick(nodeIds(m)), to: n % 4 === 0 ? 'dangling' : pick(nodeIds(m)) });
  },
  duplicateLink: (m, _pick, n) => {
    const link = m.links?.[n % Math.max(m.links.length, 1)];
    if (link && typeof link === 'object') m.links.push({ ...link, id: n % 2 ? 'dup' : undefined });
  },
  removeLink: (m, _pick, n) => {
    if (m.links?.length) m.links.splice(n % m.links.length, 1);
  },
  editLink: (m, _pick, n) => {
    const link = m.links?.[n % Math.max(m.links.length, 1)];
    if (link && typeof link === 'object') link.calls = n % 3 === 0 ? -1 : n;
  },
  linkEndpointOrMessage: (m, pick, n) => {
    const link = m.links?.[n % Math.max(m.links.length, 1)];
    if (!link || typeof link !== 'object') return;
    if (n % 2) link.endpoint = pick(['ep-a', 'ep-b', 'Rpc']);
    else link.message = pick(['Msg', 'Other']);
  },
  // What other entries' reference checks read: a node's api, messages and kind, a dead-letter target.
  nodeApi: (m, pick, n) => {
    const node = m.nodes[pick(nodeIds(m))];
    if (node && typeof node === 'object') {
      node.api = n % 2 ? { style: 'rest', endpoints: [{ id: 'ep-a', method: 'GET', path: '/a', request: pick(['S1', 'Missing']) }] } : { style: 'grpc', rpcs: [{ name: 'Rpc' }] };
    }
  },
  messages: (m, pick, n) => {
    const node = m.nodes[pick(nodeIds(m))];
    if (!node || typeof node !== 'object') return;
    node.messages = n % 2 ? { Msg: { schema: 'S1' } } : {};
    if (n % 3 === 0) node.kind = 'topic'; // links from it now consume: their message checks read it
  },
  deadLetter: (m, pick, n) => {
    const node = m.nodes[pick(nodeIds(m))];
    if (!node || typeof node !== 'object') return;
    node.kind = 'queue'; // only queues and topics may have one: elsewhere the schema's unknown key hides the reference issue
    node.deadLetter = pick([...nodeIds(m), `gone-${n % 2}`]);
  },
  ownerAndContext: (m, pick, n) => {
    const node = m.nodes[pick(nodeIds(m))];
    if (!node || typeof node !== 'object') return;
    if (n % 2) node.owner = pick([...nodeIds(m), 'nobody']);
    else node.context = pick([...Object.keys(m.contexts ?? {}), 'ctx-1', 'ctx-3']);
  },
  badLinkItem: (m, _pick, n) => {
    if (m.links?.length) m.links[n % m.links.length] = n % 2 ? null : 7;
  },
  context: (m, _pick, n) => {
    m.contexts ??= {};
    m.contexts[n % 2 ? `ctx-${n % 4}` : 'Bad Ctx'] = n % 3 === 0 ? { color: 'red' } : { name: `C${n}` };
  },
  removeContext: (m, pick) => {
    delete m.contexts?.[pick(Object.keys(m.contexts ?? {}))];
  },
  schema: (m, pick, n) => {
    m.schemas ??= {};
    const names = Object.keys(m.schemas);
    if (n % 2 && names.length) delete m.schemas[pick(names)];
    else m.schemas[`S${n}`] = { type: 'object', properties: { a: { $ref: n % 3 ? '#/schemas/Missing' : 'http://x' } } };
  },
  topLevel: (m, _pick, n) => {
    if (n % 4 === 0) m.name = '';
    else if (n % 4 === 1) m.zz = n;
    else if (n % 4 === 2) m.slo = { latencyP99Ms: n % 2 ? -1 : 5, p50: 1 };
    else delete m.zz;
  },
  notesAndSuppress: (m, pick, n) => {
    m.notes ??= [];
    m.notes.push({ id: n % 2 ? 'note' : `note-${n}`, text: 't', x: 0, y: 0, node: pick([...nodeIds(m), 'ghost']) });
    m.suppress ??= [];
    m.suppress.push({ rule: 'resilience.spof', link: n % 2 ? 'no->link' : undefined, node: pick(nodeIds(m)), reason: 'r' });
  },
  replaceNodes: (m, _pick, n) => {
    if (n % 7 === 0) m.nodes = [];
  },
};
const names = Object.keys(EDITS);

const editArb = fc.record({ edit: fc.constantFrom(...names), pick: fc.nat(), n: fc.nat(1000) });

function apply(model: Model, e: { edit: string; pick: number; n: number }): Model {
  return produce(model, (m: Draft) => {
    const pick = (xs: readonly string[]) => xs[e.pick % Math.max(xs.length, 1)] ?? 'none';
    if (m.nodes === null || typeof m.nodes !== 'object' || Array.isArray(m.nodes)) m.nodes = {};
    EDITS[e.edit]!(m, pick, e.n);
  });
}

describe('createValidator', () => {
  it('equals validateModel after every edit of random edit sequences, valid and invalid', () => {
    // The small model makes edits meet: a link's end or a dead-letter target edited after the link or node that reads it.
    const bases = [
      generateModel({ nodes: 40, links: 90, seed: 3 }),
      generateModel({ nodes: 25, links: 50, seed: 8, rich: false, cycles: 2 }),
      generateModel({ nodes: 6, links: 8, seed: 5 }),
    ];
    fc.assert(
      fc.property(fc.constantFrom(0, 1, 2, 2), fc.array(editArb, { minLength: 1, maxLength: 25 }), (which, edits) => {
        const validator = createValidator();
        let model = bases[which]!;
        expect(validator.validate(model)).toEqual(validateModel(model));
        for (const e of edits) {
          model = apply(model, e);
          expect(validator.validate(model)).toEqual(validateModel(model));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('re-validates only changed entries: an unchanged entry keeps its issues', () => {
    const validator = createValidator();
    const base = produce(generateModel({ nodes: 30, links: 60 }), (m: Draft) => {
      m.nodes[Object.keys(m.nodes)[0]!].replicas = 0;
    });
    const first = validator.validate(base);
    expect(first.map((i) => i.message)).toContain('must be at least 1');
    const edited = produce(base, (m: Draft) => {
      m.links[0].calls = -1;
    });
    const second = validator.validate(edited);
    expect(second).toEqual(validateModel(edited));
    expect(second.map((i) => i.message)).toEqual(['must be at least 1', 'must be at least 0']);
    // The same model again is the same answer.
    expect(validator.validate(edited)).toBe(second);
  });

  it('agrees with validateModel on values of the wrong shape', () => {
    const validator = createValidator();
    for (const v of [null, 1, 'x', [], {}, { nodes: [] }, { keel: 1, name: 'x', nodes: { a: null }, links: [null, 1, { from: 1 }] }, Object.create(null)]) {
      expect(validator.validate(v)).toEqual(validateModel(v));
    }
  });
});
