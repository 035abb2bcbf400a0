/**
 * Completion of keys and enum values from the model's JSON Schema (the one
 * `npm run schema` writes to resources/keel.schema.json, produced here from
 * the same zod schema so the two cannot drift). Unions (node kinds) are
 * resolved by the `kind` already written beside the cursor.
 */
import { z } from 'zod';
import { ModelSchema } from '../../../shared/model/schema';
import { yamlContextAt, type YamlContext } from './yaml-context';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  required?: string[];
}

export interface SchemaOption {
  label: string;
  type: 'property' | 'enum' | 'keyword';
  detail?: string;
  info?: string;
  /** What to insert (a key gets `: `, or a newline and indentation for objects). */
  apply: string;
}

let schema: JsonSchema | undefined;
export function modelJsonSchema(): JsonSchema {
  schema ??= z.toJSONSchema(ModelSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return schema;
}

function options(s: JsonSchema): JsonSchema[] {
  return s.oneOf ?? s.anyOf ?? [s];
}

/** The schema of a child, merging union options (first declaration of a key wins). */
function child(s: JsonSchema, seg: string | number): JsonSchema | undefined {
  const found: JsonSchema[] = [];
  for (const o of options(s)) {
    if (typeof seg === 'number' || o.items) {
      if (o.items) found.push(o.items);
      continue;
    }
    const p = o.properties?.[seg];
    if (p) found.push(p);
    else if (typeof o.additionalProperties === 'object') found.push(o.additionalProperties);
  }
  if (found.length <= 1) return found[0];
  return { oneOf: found.flatMap(options) };
}

/** Picks the union option matching the siblings' `kind` (or any discriminating const). */
function resolve(s: JsonSchema, siblings: Map<string, string>): JsonSchema[] {
  const opts = options(s);
  if (opts.length === 1) return opts;
  const matching = opts.filter((o) =>
    Object.entries(o.properties ?? {}).every(([k, p]) => p.const === undefined || !siblings.has(k) || String(p.const) === siblings.get(k)),
  );
  return matching.length ? matching : opts;
}

function typeName(s: JsonSchema): string {
  const o = options(s);
  const t = new Set(o.flatMap((x) => (x.enum ? ['enum'] : x.const !== undefined ? [JSON.stringify(x.const)] : [x.type ?? 'any'].flat())));
  return [...t].join(' | ');
}

function isContainer(s: JsonSchema): 'object' | 'array' | null {
  const types = options(s).flatMap((x) => [x.type ?? []].flat());
  if (types.length && types.every((t) => t === 'object')) return 'object';
  if (types.length && types.every((t) => t === 'array')) return 'array';
  return null;
}

export function schemaAtPath(path: (string | number)[]): JsonSchema | undefined {
  let s: JsonSchema | undefined = modelJsonSchema();
  for (const seg of path) {
    if (!s) return undefined;
    s = child(s, seg);
  }
  return s;
}

/** Completion options for a context, or null when the schema says nothing there. */
export function schemaOptions(ctx: YamlContext, indentUnit = '  '): SchemaOption[] | null {
  const parent = schemaAtPath(ctx.path);
  if (!parent) return null;
  if (ctx.mode === 'key') {
    const out = new Map<string, SchemaOption>();
    for (const o of resolve(parent, ctx.siblings)) {
      for (const [key, p] of Object.entries(o.properties ?? {})) {
        if (out.has(key) || ctx.siblings.has(key)) continue;
        const container = isContainer(p);
        const consts = options(p).filter((x) => x.const !== undefined);
        const apply =
          container === 'object'
            ? `${key}:\n${' '.repeat(ctx.column)}${indentUnit}`
            : container === 'array'
              ? `${key}:\n${' '.repeat(ctx.column)}${indentUnit}- `
              : consts.length === 1
                ? `${key}: ${String(consts[0]!.const)}`
                : `${key}: `;
        out.set(key, {
          label: key,
          type: 'property',
          detail: typeName(p) + (o.required?.includes(key) ? ' (required)' : ''),
          ...(p.description ? { info: p.description } : {}),
          apply,
        });
      }
    }
    return out.size ? [...out.values()] : null;
  }
  // Value mode: enum and const values of the key's schema (for the matching union options).
  const values = new Set<string>();
  for (const o of resolve(parent, ctx.siblings)) {
    const p = o.properties?.[ctx.key!];
    if (!p) continue;
    for (const x of options(p)) {
      for (const e of x.enum ?? []) values.add(String(e));
      if (x.const !== undefined && ctx.key !== 'keel') values.add(String(x.const));
      if (x.type === 'boolean') {
        values.add('true');
        values.add('false');
      }
    }
  }
  if (ctx.key === 'keel') values.add('1');
  if (values.size === 0) return null;
  return [...values].map((v) => ({ label: v, type: 'enum', apply: v }));
}

let valueKeys: Set<string> | undefined;
/** Keys that have enumerated values somewhere in the schema (the only values worth completing). */
export function keysWithValues(): Set<string> {
  if (valueKeys) return valueKeys;
  const out = new Set<string>(['keel']);
  const walk = (s: JsonSchema | undefined, depth: number) => {
    if (!s || depth > 40) return;
    for (const o of options(s)) {
      for (const [k, p] of Object.entries(o.properties ?? {})) {
        if (options(p).some((x) => x.enum || x.const !== undefined || x.type === 'boolean')) out.add(k);
        walk(p, depth + 1);
      }
      if (typeof o.additionalProperties === 'object') walk(o.additionalProperties, depth + 1);
      if (o.items) walk(o.items, depth + 1);
    }
  };
  walk(modelJsonSchema(), 0);
  valueKeys = out;
  return out;
}

/** Context and options at a position of a text (what the CodeMirror source calls). */
export function completeAt(text: string, pos: number): { from: number; options: SchemaOption[] } | null {
  const ctx = yamlContextAt(text, pos);
  if (!ctx) return null;
  const opts = schemaOptions(ctx);
  if (!opts) return null;
  return { from: ctx.from, options: opts };
}
