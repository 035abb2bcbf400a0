import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../../../shared/parse';
import { generateModel } from '../../../shared/testing/generate-model';
import { writeModel } from '../../../shared/write';
import { parseNodeEdit } from './incremental-parse';

const TEXT = `keel: 1
name: Shop
nodes:   # the system
  api:
    kind: service
    replicas: 2
    # a comment inside
    capacity:
      rps: 100
  db:
    kind: database
  web: { kind: client, rps: 10 }
links:
  - from: api
    to: db
`;

const full = (t: string) => parseModel(t, 'm.keel.yaml');

describe('parseNodeEdit', () => {
  it('reparses only the edited node body and gives the same model as the full parser', () => {
    const old = full(TEXT).model!;
    const text = TEXT.replace('replicas: 2', 'replicas: 5\n    name: The API');
    const fast = parseNodeEdit(TEXT, text, old)!;
    expect(fast).toEqual(full(text).model);
    expect(fast.nodes.db).toBe(old.nodes.db);
    expect(fast.links).toBe(old.links);
  });

  it('leaves everything else to the full parser', () => {
    const old = full(TEXT).model!;
    const cases = [
      TEXT.replace('  api:', '  apx:'), // a header line
      TEXT.replace('rps: 10 }', 'rps: 11 }'), // a flow-style node
      TEXT.replace('name: Shop', 'name: Shops'), // outside nodes
      TEXT.replace('    to: db', '    to: dbx'), // links
      TEXT.replace('replicas: 2', 'replicas: two'), // invalid: positions needed
      TEXT.replace('    kind: database', '    kind: database\n  extra:\n    kind: cache'), // a new node
      TEXT.replace('replicas: 2', 'replicas: &a 2'), // an anchor
      TEXT.replace('    kind: service', '    kind: client'), // invalid reference? (client with capacity is fine) - see below
    ];
    for (const text of cases.slice(0, 7)) expect(parseNodeEdit(TEXT, text, old), text).toBeUndefined();
    const kindChange = parseNodeEdit(TEXT, cases[7]!, old);
    expect(kindChange === undefined || JSON.stringify(kindChange) === JSON.stringify(full(cases[7]!).model)).toBe(true);
  });

  it("hands back what the parser's fast route would not read (YAML 1.2 and js-yaml disagree)", () => {
    const old = full(TEXT).model!;
    const cases = [
      TEXT.replace('replicas: 2', 'replicas: 2\n    name: "API"#x'), // a comment glued to a quote
      TEXT.replace('replicas: 2', 'replicas: 2\n    name: "API\n      v2"'), // a quoted value over lines
      TEXT.replace('replicas: 2', 'replicas: 2\n    tags: [a,\n  b]'), // a flow list open at a line end
      TEXT.replace('replicas: 2', 'replicas: 0b11'), // a number to js-yaml, text to YAML 1.2
    ];
    for (const text of cases) {
      const fast = parseNodeEdit(TEXT, text, old);
      if (fast !== undefined) expect(fast, text).toEqual(full(text).model);
    }
    for (const text of cases.slice(0, 3)) expect(parseNodeEdit(TEXT, text, old), text).toBeUndefined();
  });

  it('agrees with the full parser on random single edits of a generated model (property)', () => {
    const model = generateModel({ nodes: 30, links: 50 });
    const text = writeModel(model);
    const old = full(text).model!;
    let fastHits = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: text.length - 1 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('', 'x', '1', ' ', '\n', ': ', '\n    name: N', '#', ' #', '"', "'", '{', '}', '[', ']', ', ', '- ', '\t', '  '),
        (at, del, insert) => {
          const next = text.slice(0, at) + insert + text.slice(at + del);
          const fast = parseNodeEdit(text, next, old);
          if (fast === undefined) return;
          fastHits++;
          const ref = full(next);
          expect(ref.problems).toEqual([]);
          expect(JSON.stringify(fast)).toBe(JSON.stringify(ref.model));
        },
      ),
      { numRuns: 2000 },
    );
    // Not vacuous: a good share of random edits take the fast path.
    expect(fastHits).toBeGreaterThan(25);
  });
});
