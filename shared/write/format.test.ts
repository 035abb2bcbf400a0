import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { isMap, isNode, isSeq, LineCounter, Parser, parseDocument, stringify, type Node } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Model } from '../model/types';
import { parseModel } from '../parse';
import { generateModel, rng } from '../testing/generate-model';
import { formatModelText, writeModel } from './index';
import { trickyModel } from './tricky-model.testkit';

const read = (text: string): Model => {
  const r = parseModel(text, 'f.keel.yaml');
  expect(r.problems).toEqual([]);
  return r.model!;
};

describe('formatModelText without comments', () => {
  it('is the identity on writeModel output (generated models)', () => {
    fc.assert(
      fc.property(fc.record({ nodes: fc.integer({ min: 1, max: 60 }), seed: fc.nat(), rich: fc.boolean(), cycles: fc.nat(3), schema: fc.boolean() }), (o) => {
        const m = generateModel({ nodes: o.nodes, links: o.nodes * 2, seed: o.seed, rich: o.rich, cycles: o.cycles });
        const text = writeModel(m, o.schema ? { schemaUrl: '../keel.schema.json' } : {});
        expect(formatModelText(text)).toBe(text);
      }),
      { numRuns: 60 },
    );
  });

  it('is the identity on writeModel output (awkward strings, keys and numbers)', () => {
    fc.assert(
      fc.property(trickyModel, (m) => {
        const text = writeModel(m);
        expect(formatModelText(text)).toBe(text);
      }),
      { numRuns: 150 },
    );
  });
});

interface Place {
  comment: string;
  /** Path of the key or item the comment belongs to: `top`, `end` or e.g. `nodes.api.replicas`. */
  at: string;
  trailing: boolean;
}

/**
 * Where each comment of a text sits, worked out from lines rather than from
 * the formatter's own bookkeeping: a comment at the end of a line belongs to
 * the node that ends last before it on that line (the outermost one, so a
 * comment after `{ ... }` belongs to the collection); a comment on its own line
 * (or after a bare `-`) to the first node of the next line that starts one.
 * Comments above the first node are the header (`top`), after the last `end`.
 */
function commentPlaces(text: string): Place[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, stringKeys: true });
  const textLines = text.split('\n');
  const starts: { offset: number; line: number; path: string }[] = [];
  const ends: { offset: number; line: number; path: string }[] = [];
  const walk = (node: unknown, path: string) => {
    if (!isNode(node)) return;
    const n = node as Node;
    if (n.range) {
      // A block list starts at its first dash, where its first item does.
      if (!(isSeq(n) && text[n.range[0]] === '-')) starts.push({ offset: n.range[0], line: lines.linePos(n.range[0]).line, path });
      ends.push({ offset: n.range[1], line: lines.linePos(n.range[1]).line, path });
    }
    if (isMap(n)) {
      for (const pair of n.items) {
        const p = `${path}.${String(isNode(pair.key) ? (pair.key as { value?: unknown }).value : pair.key)}`;
        walk(pair.key, p);
        walk(pair.value, p);
      }
    } else if (isSeq(n)) n.items.forEach((item, i) => walk(item, `${path}.${i}`));
  };
  walk(doc.contents, '');
  starts.sort((a, b) => a.offset - b.offset);
  const comments: { offset: number; source: string }[] = [];
  const collect = (token: unknown): void => {
    if (Array.isArray(token)) token.forEach(collect);
    else if (token && typeof token === 'object') {
      const t = token as { type?: string; offset?: number; source?: string };
      if (t.type === 'comment') comments.push({ offset: t.offset!, source: t.source! });
      else Object.values(token).forEach(collect);
    }
  };
  for (const token of new Parser().parse(text)) collect(token);
  return comments.map(({ offset, source }) => {
    const line = lines.linePos(offset).line;
    const lineStart = offset - lines.linePos(offset).col + 1;
    const before = ends.filter((e) => e.line === line && e.offset <= offset && e.offset > lineStart);
    if (text.slice(lineStart, offset).trim() !== '' && before.length > 0) {
      const last = before.reduce((a, b) => (b.offset > a.offset || (b.offset === a.offset && b.path.length < a.path.length) ? b : a));
      return { comment: source, at: last.path.slice(1), trailing: true };
    }
    if (!starts.some((s) => s.offset < offset)) return { comment: source, at: 'top', trailing: false };
    const next = starts.find((s) => s.line > line);
    if (!next) return { comment: source, at: 'end', trailing: false };
    // The node that starts first on that line; of several starting there (a block map and its first key),
    // the key; after a bare `-`, the list item.
    const tied = starts.filter((s) => s.offset === next.offset).map((s) => s.path);
    let prev = line - 2;
    while (prev >= 0 && /^\s*(#.*)?$/.test(textLines[prev]!)) prev--;
    const item = prev >= 0 && textLines[prev]!.trim() === '-';
    const path = tied.reduce((a, b) => (item ? (b.length < a.length ? b : a) : b.length > a.length ? b : a));
    return { comment: source, at: path.slice(1), trailing: false };
  });
}

/**
 * Comparable places. A comment above a key of a list item counts as the
 * item's: when sorting makes that key the item's first, the comment goes above
 * the item's dash (the only place above that key YAML has).
 */
const sortPlaces = (p: Place[]) =>
  p.map((x) => `${x.trailing ? x.at : x.at.replace(/(\.\d+)\.[^.]+$/, '$1')} ${x.trailing ? 'trailing' : 'above'} ${x.comment}`).sort();

/** The formatter's promises for a commented file. */
function expectFormatted(input: string): string {
  const out = formatModelText(input);
  expect(read(out)).toEqual(read(input));
  expect(sortPlaces(commentPlaces(out))).toEqual(sortPlaces(commentPlaces(input)));
  expect(formatModelText(out)).toBe(out);
  return out;
}

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('formatModelText with comments', () => {
  it('keeps every comment of a hand-written file at its key or item, in canonical order and style', () => {
    const input = fixture('annotated.keel.yaml');
    const out = expectFormatted(input);
    // The whole expected text, reviewed by hand: key order, flow style and quoting as writeModel has them.
    expect(out).toBe(fixture('annotated.formatted.keel.yaml'));
  });

  it('keeps the header at the top of the file whichever key came first', () => {
    const out = expectFormatted('# Header\n# yaml-language-server: $schema=x.json\nname: A\nkeel: 1\nnodes: {}\n');
    expect(out).toBe('# Header\n# yaml-language-server: $schema=x.json\nkeel: 1\nname: A\nnodes: {}\n');
  });

  it('moves comments between a key and its value next to the key', () => {
    const out = expectFormatted(
      'keel: 1\nname: # the name\n  A\ndescription:\n  # why it exists\n  B\nnodes:\n  a: # the entry\n    kind: service\n    capacity: # per replica\n      rps: 3\n',
    );
    expect(out).toBe(
      'keel: 1\nname: A # the name\n# why it exists\ndescription: B\nnodes:\n  a: # the entry\n    kind: service\n    capacity: # per replica\n      rps: 3\n',
    );
  });

  it('keeps the comment of a long flow collection on its key’s line when it becomes a block', () => {
    const long = Array.from({ length: 12 }, (_, i) => `tag-number-${i}`);
    const out = expectFormatted(`keel: 1\nname: A\nnodes:\n  a: {kind: service, tags: [${long.join(', ')}]} # wide\n`);
    expect(out).toBe(`keel: 1\nname: A\nnodes:\n  a: # wide\n    kind: service\n    tags:\n${long.map((t) => `      - ${t}\n`).join('')}`);
  });

  it('writes a collection with comments inside in block style', () => {
    const out = expectFormatted('keel: 1\nname: A\nnodes:\n  a: {kind: service, # the kind\n    replicas: 2}\n  b:\n    kind: service\n    tags:\n      - x # first\n      - y\n');
    expect(out).toBe('keel: 1\nname: A\nnodes:\n  a:\n    kind: service # the kind\n    replicas: 2\n  b:\n    kind: service\n    tags:\n      - x # first\n      - y\n');
  });

  it('keeps a comment after a block collection on its own line, and one after a flow collection on the line', () => {
    const text = 'keel: 1\nname: A\nnodes:\n  a:\n    kind: service\n    # replicas: 3\n  b: {kind: service} # later\n';
    expect(expectFormatted(text)).toBe('keel: 1\nname: A\nnodes:\n  a:\n    kind: service\n    # replicas: 3\n  b: { kind: service } # later\n');
  });

  it('keeps a comment on a literal block on its header line', () => {
    const out = expectFormatted('keel: 1\nname: A\ndescription: "two\\nlines" # note\nnodes: {}\n');
    expect(out).toBe('keel: 1\nname: A\ndescription: |- # note\n  two\n  lines\nnodes: {}\n');
  });

  it('keeps single blank lines between entries, drops them at the start of a collection and collapses runs', () => {
    const out = expectFormatted('keel: 1\n\n\n\nname: A\nnodes:\n\n  a: {kind: service}\n\n\n  # b next\n\n\n\n  # really\n  b: {kind: service}\n');
    expect(out).toBe('keel: 1\n\nname: A\nnodes:\n  a: { kind: service }\n\n  # b next\n\n  # really\n  b: { kind: service }\n');
  });

  it('expands aliases without copying the anchor’s comments, and drops tags, quoting styles and number formats', () => {
    const text = [
      '---',
      'keel: !!int 1',
      "name: 'A'",
      'slo: {availability: 99.90, latencyP99Ms: 0x64}',
      'nodes:',
      '  a: &svc # the template',
      '    kind: service',
      '    replicas: 2',
      '  b: *svc # a copy',
      '',
    ].join('\r\n');
    const out = expectFormatted(text);
    expect(out).toBe(
      'keel: 1\nname: A\nslo: { availability: 99.9, latencyP99Ms: 100 }\nnodes:\n  a: # the template\n    kind: service\n    replicas: 2\n  b: { kind: service, replicas: 2 } # a copy\n',
    );
  });

  it('drops directives, document markers and the byte-order mark', () => {
    for (const text of ['%YAML 1.2\n---\nkeel: 1\nname: x # n\nnodes: {}\n...\n', '\ufeffkeel: 1\nname: x # n\nnodes: {}\n']) {
      expect(expectFormatted(text)).toBe('keel: 1\nname: x # n\nnodes: {}\n');
    }
  });

  it('keeps the text of a kept-newlines block and the comment after it', () => {
    const text = 'keel: 1\nname: x\ndescription: |+\n  keep\n\n# after keep\nnodes: {}\n';
    expect(expectFormatted(text)).toBe(text);
  });
});

/** Every object's keys in a random order (lists keep theirs: their order is part of the model). */
function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, random)]));
}

/** Comments at random lines: on their own line (indented like the line they precede) or at a line's end. */
function insertComments(text: string, comments: { at: number; trailing: boolean; text: string }[]): string {
  const lines = text.split('\n');
  const above = new Map<number, string[]>();
  for (const c of comments) {
    const i = c.at % lines.length;
    if (c.trailing && lines[i]!.trim() !== '') lines[i] += ` # ${c.text}`;
    else above.set(i, [...(above.get(i) ?? []), `${/^ */.exec(lines[i]!)![0]}# ${c.text}`]);
  }
  return lines.flatMap((line, i) => [...(above.get(i) ?? []), line]).join('\n');
}

describe('formatModelText on scrambled, commented files (property)', () => {
  it('keeps every comment at its key or item and the model as it was, and a second run changes nothing', () => {
    const commentText = fc.stringMatching(/^[\w:#'"{}[\], -]{0,16}\w$/);
    fc.assert(
      fc.property(
        fc.record({
          nodes: fc.integer({ min: 1, max: 12 }),
          seed: fc.nat(),
          style: fc.record({ indentSeq: fc.boolean(), flowCollectionPadding: fc.boolean(), singleQuote: fc.boolean(), indent: fc.constantFrom(2, 4) }),
          comments: fc.array(fc.record({ at: fc.nat(), trailing: fc.boolean(), text: commentText }), { maxLength: 15 }),
        }),
        (o) => {
          const m = generateModel({ nodes: o.nodes, links: o.nodes * 2, seed: o.seed });
          // `keel: 1` stays first, as in real files (comments above the first key are the header: a test above covers that).
          const { keel, ...rest } = shuffleKeys(m, rng(o.seed)) as Model;
          const scrambled = stringify({ keel, ...rest }, { lineWidth: 0, ...o.style });
          const input = insertComments(scrambled, o.comments);
          const out = expectFormatted(input);
          // Without comments (and so without blank lines) the result is the canonical writer's text.
          if (o.comments.length === 0) expect(out).toBe(writeModel(read(input)));
        },
      ),
      { numRuns: 120 },
    );
  });
});
