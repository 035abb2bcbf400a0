/**
 * Builds a plausible example value from a JSON Schema: what an architect would
 * paste into the API docs. Uses the schema's own examples/default/const/enum
 * first, then formats and bounds. Recursion through refs is cut off by depth.
 */
import { modelRefName, type JsonSchema } from './schemas';

const MAX_DEPTH = 6;

const FORMAT_EXAMPLES: Record<string, string> = {
  uuid: '3f2b8a9e-6c1d-4e5f-9a7b-2c4d6e8f0a1b',
  'date-time': '2026-01-15T09:30:00Z',
  date: '2026-01-15',
  time: '09:30:00Z',
  email: 'jane.doe@example.com',
  'idn-email': 'jane.doe@example.com',
  uri: 'https://example.com/resource/1',
  'uri-reference': '/resource/1',
  iri: 'https://example.com/resource/1',
  url: 'https://example.com/resource/1',
  hostname: 'api.example.com',
  'idn-hostname': 'api.example.com',
  ipv4: '192.0.2.10',
  ipv6: '2001:db8::10',
  duration: 'PT15M',
  byte: 'aGVsbG8=',
  password: 'correct-horse-battery',
};

export function exampleFor(schema: unknown, schemas: Record<string, JsonSchema>, depth = 0, key = ''): unknown {
  if (schema === true || schema === undefined) return 'example';
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return null;
  const s = schema as JsonSchema;
  const refName = modelRefName(s.$ref);
  if (refName) {
    const target = schemas[refName];
    return depth >= MAX_DEPTH || !target ? {} : exampleFor(target, schemas, depth + 1, key);
  }
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if ('example' in s) return s.example;
  if ('const' in s) return s.const;
  if ('default' in s) return s.default;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  for (const combo of ['oneOf', 'anyOf'] as const) {
    const list = s[combo];
    if (Array.isArray(list) && list.length > 0) return exampleFor(list[0], schemas, depth + 1, key);
  }
  if (Array.isArray(s.allOf)) {
    const merged: Record<string, unknown> = {};
    for (const part of s.allOf) {
      const v = exampleFor(part, schemas, depth + 1, key);
      if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(merged, v);
    }
    return merged;
  }
  const type = pickType(s);
  switch (type) {
    case 'object':
      return objectExample(s, schemas, depth);
    case 'array': {
      if (depth >= MAX_DEPTH) return [];
      const n = Math.max(1, typeof s.minItems === 'number' ? s.minItems : 1);
      const max = typeof s.maxItems === 'number' ? s.maxItems : n;
      const items = Array.isArray(s.prefixItems)
        ? s.prefixItems.map((p) => exampleFor(p, schemas, depth + 1, key))
        : Array.from({ length: Math.min(n, Math.max(max, 0), 3) }, () => exampleFor(s.items, schemas, depth + 1, key));
      if (s.uniqueItems === true) return items.slice(0, 1);
      return items;
    }
    case 'integer':
    case 'number':
      return numberExample(s, type);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string':
      return stringExample(s, key);
    default:
      return s.properties ? objectExample(s, schemas, depth) : 'example';
  }
}

function pickType(s: JsonSchema): string | undefined {
  if (typeof s.type === 'string') return s.type;
  if (Array.isArray(s.type)) return (s.type.find((t) => t !== 'null') ?? s.type[0]) as string | undefined;
  if (s.properties) return 'object';
  if (s.items) return 'array';
  return undefined;
}

function objectExample(s: JsonSchema, schemas: Record<string, JsonSchema>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const props = (s.properties ?? {}) as Record<string, unknown>;
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  for (const [name, prop] of Object.entries(props)) {
    // Deep in a recursive structure only required fields are filled in.
    if (depth >= 3 && !required.has(name)) continue;
    out[name] = exampleFor(prop, schemas, depth + 1, name);
  }
  for (const name of required) if (!(name in out)) out[name] = 'example';
  return out;
}

function numberExample(s: JsonSchema, type: 'integer' | 'number'): number {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  let lo =
    num(s.minimum) ??
    (num(s.exclusiveMinimum) !== undefined ? num(s.exclusiveMinimum)! + (type === 'integer' ? 1 : 0.5) : undefined);
  let hi =
    num(s.maximum) ??
    (num(s.exclusiveMaximum) !== undefined ? num(s.exclusiveMaximum)! - (type === 'integer' ? 1 : 0.5) : undefined);
  const step = num(s.multipleOf);
  let v: number;
  if (lo !== undefined && hi !== undefined) v = lo + (hi - lo) / 2;
  else if (lo !== undefined) v = lo + (type === 'integer' ? 1 : 1.5);
  else if (hi !== undefined) v = Math.min(hi, type === 'integer' ? 1 : 1.5);
  else v = type === 'integer' ? 42 : 19.99;
  if (type === 'integer') v = Math.round(v);
  if (step && step > 0) {
    v = Math.ceil(v / step) * step;
    if (hi !== undefined && v > hi) v -= step;
  }
  lo ??= -Infinity;
  hi ??= Infinity;
  return Math.min(Math.max(v, lo), hi);
}

function stringExample(s: JsonSchema, key: string): string {
  const format = typeof s.format === 'string' ? s.format : undefined;
  let v: string | undefined = format ? FORMAT_EXAMPLES[format] : undefined;
  if (v === undefined && typeof s.pattern === 'string') v = fromPattern(s.pattern);
  if (v === undefined)
    v = /name/i.test(key) ? 'Jane Doe' : /currency/i.test(key) ? 'EUR' : key ? `${key}-1` : 'example';
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
  if (v.length < min) v = v.padEnd(min, 'x');
  if (v.length > max) v = v.slice(0, max);
  return v;
}

/**
 * A string matching a simple regular expression: literals, character classes,
 * \d \w \s, and the quantifiers ? * + {n} {n,m}. Anything fancier returns
 * undefined (the caller falls back to a plain string).
 */
export function fromPattern(pattern: string): string | undefined {
  let src = firstAlternative(pattern);
  if (src.startsWith('^')) src = src.slice(1);
  if (src.endsWith('$') && !src.endsWith('\\$')) src = src.slice(0, -1);
  let out = '';
  let i = 0;
  while (i < src.length) {
    let atom: string | undefined;
    const c = src[i]!;
    if (c === '[') {
      const end = src.indexOf(']', i + 1);
      if (end < 0) return undefined;
      const body = src.slice(i + 1, end);
      if (body.startsWith('^')) return undefined;
      atom = body[0] === '\\' ? classChar(body[1]) : body[0];
      i = end + 1;
    } else if (c === '\\') {
      atom = classChar(src[i + 1]);
      i += 2;
    } else if (c === '(') {
      // A group: the first alternative stands for it.
      let depth = 0;
      let end = i;
      for (; end < src.length; end++) {
        if (src[end] === '\\') end++;
        else if (src[end] === '(') depth++;
        else if (src[end] === ')' && --depth === 0) break;
      }
      if (end >= src.length) return undefined;
      const body = src.slice(i + 1, end).replace(/^\?:/, '');
      atom = fromPattern(firstAlternative(body));
      i = end + 1;
    } else if (c === '.') {
      atom = 'a';
      i++;
    } else if (c === '|' || c === ')') {
      return undefined;
    } else {
      atom = c;
      i++;
    }
    if (atom === undefined) return undefined;
    // One of each atom satisfies ?, * and +; {n,m} takes n (at least one when n is 0).
    let count = 1;
    const q = src[i];
    if (q === '?' || q === '*' || q === '+') {
      i++;
    } else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (!m) return undefined;
      count = Number(m[1]);
      if (count === 0 && m[2]) count = m[3] ? Math.min(1, Number(m[3])) : 1;
      i += m[0].length;
    }
    out += atom.repeat(count);
  }
  return out;
}

/** The first top-level alternative of a pattern (`a|b` -> `a`). */
function firstAlternative(src: string): string {
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '|' && depth === 0) return src.slice(0, i);
  }
  return src;
}

function classChar(c: string | undefined): string | undefined {
  if (c === undefined) return undefined;
  if (c === 'd') return '7';
  if (c === 'w') return 'a';
  if (c === 's') return ' ';
  if (/[a-zA-Z0-9]/.test(c)) return undefined;
  return c;
}
