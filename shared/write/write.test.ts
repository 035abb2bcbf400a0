import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse, parseDocument } from 'yaml';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { Model } from '../model/types';
import { parseModel } from '../parse';
import { generateModel } from '../testing/generate-model';
import { writeModel } from './index';
import { TO_STRING } from './update';
import { TRICKY, trickyModel } from './tricky-model.testkit';

const shopText = readFileSync(new URL('../parse/fixtures/shop.keel.yaml', import.meta.url), 'utf8');
const shop = (): Model => parseModel(shopText, 'shop').model!;

/** Reads text back by both routes of parseModel (a tag forces the careful yaml-Document route). */
function readBoth(text: string): Model[] {
  const fast = parseModel(text, 'w');
  const careful = parseModel(text.replace(/^keel: 1$/m, 'keel: !!int 1'), 'w');
  expect(fast.problems).toEqual([]);
  expect(careful.problems).toEqual([]);
  return [fast.model!, careful.model!];
}

describe('writeModel', () => {
  it('round-trips generated models losslessly by both parse routes, and is idempotent', () => {
    fc.assert(
      fc.property(fc.record({ nodes: fc.integer({ min: 1, max: 80 }), seed: fc.nat(), rich: fc.boolean() }), ({ nodes, seed, rich }) => {
        const m = generateModel({ nodes, links: nodes * 2, seed, rich });
        const text = writeModel(m);
        for (const back of readBoth(text)) expect(back).toEqual(m);
        expect(writeModel(parseModel(text, 'w').model!)).toBe(text);
      }),
      { numRuns: 30 },
    );
  });

  it('round-trips strings that need quoting, multi-line text, unicode and odd numbers', () => {
    fc.assert(
      fc.property(trickyModel, (m) => {
        const text = writeModel(m);
        for (const back of readBoth(text)) expect(back).toEqual(m);
        // Other YAML readers agree: the yaml library alone, and js-yaml in YAML 1.1-ish default mode.
        expect(parse(text)).toEqual(m);
        expect(jsyaml.load(text)).toEqual(m);
        expect(writeModel(readBoth(text)[0]!)).toBe(text);
      }),
      { numRuns: 150 },
    );
  });

  it('writes each tricky string so that it reads back as itself', () => {
    for (const s of TRICKY) {
      const m = { keel: 1, name: 'x', description: s === '' ? 'e' : s, nodes: { a: { kind: 'service', tech: s, tags: [s] } } } as Model;
      const text = writeModel(m);
      expect(parseModel(text, 't').model, text).toEqual(m);
    }
  });

  it('uses the canonical key order at every level, layout last, and flow style for short leaf maps', () => {
    const m = shop();
    // Scramble the author's key order of the model, nodes, links and node parts: the output must not depend on it.
    // (Free-form maps such as nodes, contexts and schema bodies keep the author's order.)
    const reverse = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
    const scrambled = reverse({
      ...m,
      nodes: Object.fromEntries(Object.entries(m.nodes).map(([id, n]) => [id, reverse(Object.fromEntries(Object.entries(n).map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) && k !== 'tables' && k !== 'messages' && k !== 'config' ? reverse(v) : v])))])),
      links: m.links!.map(reverse),
    }) as Model;
    expect(writeModel(scrambled)).toBe(writeModel(m));
    const text = writeModel(m);
    const top = text.split('\n').filter((l) => /^[a-z]/.test(l)).map((l) => l.split(':')[0]);
    expect(top).toEqual(['keel', 'name', 'description', 'slo', 'analysis', 'contexts', 'schemas', 'nodes', 'links', 'decisions', 'suppress', 'layout']);
    expect(text).toContain('\n  shoppers: { x: 0, y: 0 }\n');
    expect(text).toContain('\n  - { from: shoppers, to: gateway, protocol: https }\n');
    expect(text).toContain('\n    capacity: { rps: 150 }\n');
    expect(text).toContain('\n    required: [ id, total ]\n');
    // Inside a node: kind first, the common fields, kind fields, api/tables/messages last.
    const orders = text.slice(text.indexOf('\n  orders:\n'), text.indexOf('\n  orders-db:'));
    const keys = orders.split('\n').filter((l) => /^ {4}[a-z]/.test(l)).map((l) => l.trim().split(':')[0]);
    expect(keys).toEqual(['kind', 'context', 'tech', 'replicas', 'capacity', 'latencyMs', 'observability', 'api']);
    const db = text.slice(text.indexOf('\n  orders-db:\n'), text.indexOf('\n  order-events:'));
    expect(db.split('\n').filter((l) => /^ {4}[a-z]/.test(l)).map((l) => l.trim().split(':')[0])).toEqual(['kind', 'context', 'engine', 'owner', 'tables']);
  });

  it('adds the yaml-language-server header on request', () => {
    const text = writeModel(shop(), { schemaUrl: '../resources/keel.schema.json' });
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../resources/keel.schema.json');
    expect(parseModel(text, 'h').model).toEqual(shop());
  });

  it('is what the yaml library itself writes for the same Document (so in-place edits stay minimal)', () => {
    for (const m of [shop(), generateModel({ nodes: 150, links: 300 })]) {
      const text = writeModel(m);
      expect(parseDocument(text).toString(TO_STRING)).toBe(text);
    }
  });
});
