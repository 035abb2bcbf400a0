/**
 * The model's named JSON Schemas, moved into each export's own place.
 * `$ref: "#/schemas/X"` points at another named schema; other local refs
 * (`#/$defs/...` inside a named schema) are relative to that schema and are
 * re-rooted at its new location so they still resolve.
 */
import type { Model } from '../model/types';

export type JsonSchema = Record<string, unknown>;
const MODEL_REF = /^#\/schemas\/([A-Za-z][A-Za-z0-9_]*)$/;

export function namedSchemas(model: Model): Record<string, JsonSchema> {
  return (model.schemas ?? {}) as Record<string, JsonSchema>;
}

/** Name of a `#/schemas/X` reference, or undefined for any other value. */
export function modelRefName(ref: unknown): string | undefined {
  return typeof ref === 'string' ? MODEL_REF.exec(ref)?.[1] : undefined;
}

/**
 * Deep copy of `schema` with `#/schemas/X` rewritten by `target(X)` and other
 * local `#/...` refs prefixed by `selfPointer` (the schema's new JSON pointer,
 * '' when it becomes the document root).
 */
export function relocateSchema(schema: unknown, target: (name: string) => string, selfPointer: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => relocateSchema(s, target, selfPointer));
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') {
      const name = modelRefName(value);
      if (name) out[key] = target(name);
      else if (value.startsWith('#/') && selfPointer) out[key] = selfPointer + value.slice(1);
      else out[key] = value;
    } else {
      out[key] = relocateSchema(value, target, selfPointer);
    }
  }
  return out;
}

/** Names of the model schemas `schema` refers to directly. */
export function directRefs(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) directRefs(s, into);
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      const name = key === '$ref' ? modelRefName(value) : undefined;
      if (name) into.add(name);
      else directRefs(value, into);
    }
  }
  return into;
}

/** The named schemas reachable from `roots` (roots included), in a stable order. */
export function schemaClosure(model: Model, roots: Iterable<string>): string[] {
  const all = namedSchemas(model);
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name) || !all[name]) continue;
    seen.add(name);
    for (const r of directRefs(all[name])) stack.push(r);
  }
  return Object.keys(all).filter((n) => seen.has(n));
}

/** JSON pointer token escaping (RFC 6901). */
export function pointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
