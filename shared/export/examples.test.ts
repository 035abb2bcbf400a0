/** Examples built from JSON Schemas are judged by ajv (2020-12 + formats), not by the builder. */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { exampleFor, fromPattern } from './examples';
import type { JsonSchema } from './schemas';

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

const named: Record<string, JsonSchema> = {
  Money: {
    type: 'object',
    required: ['amount', 'currency'],
    properties: { amount: { type: 'integer', minimum: 0 }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
  },
  Tree: {
    type: 'object',
    required: ['name'],
    properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/schemas/Tree' } } },
  },
};

const cases: [string, JsonSchema][] = [
  [
    'formats',
    {
      type: 'object',
      properties: Object.fromEntries(
        ['uuid', 'date-time', 'date', 'time', 'email', 'uri', 'hostname', 'ipv4', 'ipv6', 'duration'].map((f) => [
          f,
          { type: 'string', format: f },
        ]),
      ),
    },
  ],
  ['enum and const', { type: 'object', properties: { s: { enum: ['a', 'b'] }, c: { const: 42 } } }],
  [
    'bounds',
    {
      type: 'object',
      properties: {
        a: { type: 'integer', minimum: 10, maximum: 11 },
        b: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        c: { type: 'integer', multipleOf: 7, minimum: 50 },
        d: { type: 'integer', maximum: -5 },
      },
    },
  ],
  [
    'strings',
    {
      type: 'object',
      properties: {
        a: { type: 'string', minLength: 20 },
        b: { type: 'string', maxLength: 2 },
        e: { type: 'string', pattern: '^(EUR|USD|GBP)$' },
        f: { type: 'string', pattern: '^[a-z]+(-[a-z]+)*$' },
        c: { type: 'string', pattern: '^[a-z]{2,4}-\\d{3}$' },
        d: { type: 'string', pattern: '^SKU[0-9]+$' },
      },
    },
  ],
  ['arrays', { type: 'array', minItems: 2, maxItems: 5, items: { type: 'integer', minimum: 1 } }],
  ['unique array', { type: 'array', uniqueItems: true, items: { type: 'string' } }],
  ['nullable', { type: ['string', 'null'], format: 'email' }],
  [
    'combinators',
    {
      allOf: [
        { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        { type: 'object', properties: { b: { type: 'boolean' } }, required: ['b'] },
      ],
    },
  ],
  ['oneOf', { oneOf: [{ type: 'integer', minimum: 5 }, { type: 'string' }] }],
  ['refs', { type: 'object', required: ['price'], properties: { price: { $ref: '#/schemas/Money' } } }],
  ['recursive refs', { $ref: '#/schemas/Tree' }],
  ['declared examples win', { type: 'string', format: 'email', examples: ['x@y.org'] }],
];

/** The schema with model refs rewritten so ajv can resolve them. */
function forAjv(schema: JsonSchema): JsonSchema {
  const text = JSON.stringify(schema).replace(/#\/schemas\//g, '#/$defs/');
  return {
    ...(JSON.parse(text) as JsonSchema),
    $defs: JSON.parse(JSON.stringify(named).replace(/#\/schemas\//g, '#/$defs/')) as JsonSchema,
  };
}

describe('exampleFor', () => {
  it.each(cases)('%s: the example validates', (_name, schema) => {
    const example = exampleFor(schema, named);
    const validate = ajv.compile(forAjv(schema));
    expect(validate(example), JSON.stringify({ example, errors: validate.errors })).toBe(true);
  });

  it('uses plausible values for well-known formats', () => {
    expect(exampleFor({ type: 'string', format: 'uuid' }, {})).toMatch(/^[0-9a-f-]{36}$/);
    expect(exampleFor({ type: 'string', format: 'date-time' }, {})).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(exampleFor({ type: 'string', format: 'email' }, {})).toContain('@');
  });

  it('fromPattern handles simple patterns and gives up on the rest', () => {
    expect(fromPattern('^[A-Z]{3}$')).toMatch(/^[A-Z]{3}$/);
    expect(fromPattern('^(EUR|USD)$')).toBe('EUR');
    expect(fromPattern('^v(?:[0-9]+)\\.(x|y)$')).toMatch(/^v[0-9]+\.(x|y)$/);
    expect(fromPattern('^a.c$')).toMatch(/^a.c$/);
    expect(fromPattern('^[^x]+$')).toBeUndefined();
  });
});
