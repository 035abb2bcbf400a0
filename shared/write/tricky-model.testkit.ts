/**
 * fast-check arbitraries for the writer's tests: valid models whose free
 * text, keys and numbers are the strings and numbers YAML writers get wrong.
 */
import fc from 'fast-check';
import { generateModel } from '../testing/generate-model';

export const TRICKY = [
  'yes', 'no', 'on', 'off', 'y', 'n', 'true', 'False', 'null', '~', '', ' ', '1e3', '0x1F', '0o17', '1_000', '+1', '-1', '.5',
  '.inf', '.NaN', '2024-01-01', '12:30', ': ', 'a: b', 'a:', 'a #b', '#', '# c', '- x', '-', '?', '? x', '*alias', '&anchor',
  '!tag', '%dir', '@at', '`bt`', '<<', '=', '|', '>', "'q", '"dq', '{a}', '[x]', 'a,b', 'a, b', ' lead', 'trail ', 'tab\tin',
  'multi\nline', 'multi\nline\n', 'multi\n\nline\n\n\n', '\nleading newline', 'trailing spaces  \nx', 'cr\r\nlf', 'ünïcödé ✓ 😀 中文',
  'line\u2028sep', 'nel\u0085x', 'bom\ufeff', 'del\u007f', 'bell\u0007', 'back\\slash', '/items/{id}', 'GET /x/*', 'a\tb\n\tc',
];
const tricky = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary-ascii', maxLength: 20 }));
const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)), fc.constantFrom(1e21, 1e-7, 0.1, 2 ** 53 + 2));

/** A valid model whose free-text fields and JSON Schema bodies carry awkward strings and numbers. */
export const trickyModel = fc
  .record({
    seed: fc.nat(1000),
    texts: fc.array(tricky, { minLength: 12, maxLength: 12 }),
    keys: fc.array(tricky.filter((k) => k.length > 0 && k !== '__proto__'), { minLength: 3, maxLength: 3 }),
    numbers: fc.array(number, { minLength: 3, maxLength: 3 }),
    latency: fc.double({ min: 0, max: 1e6, noNaN: true }),
  })
  .map(({ seed, texts, keys, numbers, latency }) => {
    const m = generateModel({ nodes: 12, links: 20, seed });
    const t = (i: number) => texts[i]!;
    m.description = t(0);
    const [firstId, first] = Object.entries(m.nodes)[0]!;
    m.nodes[firstId] = { ...first, name: t(1), tech: t(2), tags: [t(3), t(4)], latencyMs: latency, config: { [keys[0]!]: t(5), n: numbers[0]!, b: true } };
    m.schemas!.Item = {
      type: 'object',
      description: t(6),
      properties: { [keys[1]!]: { type: 'string', default: t(7), enum: [t(8), numbers[1]!, true, null], minimum: numbers[2]! } },
      [keys[2]!]: [[], {}, { nested: [t(9)] }],
    };
    m.decisions = [{ id: 'adr-1', title: t(10), status: 'accepted', context: t(11), alternatives: [t(9), t(3)] }];
    m.layout = { [firstId]: { x: numbers[0]!, y: -1.5 } };
    return m;
  });
