/**
 * Walks the zod model schema alongside a value, so that messages can name the
 * keys an object allows and the writer can order keys as the schema declares
 * them. Only the zod constructs the model schema uses are understood.
 */
import { z } from 'zod';
import { ModelSchema } from '../model/schema';

export type AnySchema = z.core.$ZodType;

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) {
    s = (s as z.ZodOptional).unwrap() as AnySchema;
  }
  return s;
}

/** The schema of `value[key]` given the schema of `value`; undefined when unknown (free-form parts). */
export function childSchema(schema: AnySchema | undefined, key: string | number, value: unknown): AnySchema | undefined {
  if (!schema) return undefined;
  const info = infoOf(resolveUnion(schema, value));
  return info.shape ? info.shape.get(String(key)) : info.child;
}

/** What the walk needs of a schema, computed once per schema (zod getters are not free). */
interface SchemaInfo {
  inner: AnySchema;
  shape?: Map<string, AnySchema>;
  keys?: string[];
  child?: AnySchema;
  byTag?: Map<unknown, AnySchema>;
  discriminator?: string;
}
const infos = new WeakMap<AnySchema, SchemaInfo>();

function infoOf(schema: AnySchema): SchemaInfo {
  let info = infos.get(schema);
  if (info) return info;
  const s = unwrap(schema);
  info = { inner: s };
  if (s instanceof z.ZodObject) {
    info.shape = new Map(Object.entries(s.shape as Record<string, AnySchema>));
    info.keys = [...info.shape.keys()];
  } else if (s instanceof z.ZodRecord) info.child = s.valueType as AnySchema;
  else if (s instanceof z.ZodArray) info.child = s.element as AnySchema;
  else if (s instanceof z.ZodDiscriminatedUnion) {
    const disc = s._zod.def.discriminator;
    info.discriminator = disc;
    info.byTag = new Map();
    for (const option of s.options as AnySchema[]) {
      const o = unwrap(option);
      if (!(o instanceof z.ZodObject)) continue;
      const d = (o.shape as Record<string, AnySchema>)[disc];
      if (d instanceof z.ZodLiteral) for (const tag of d.values) info.byTag.set(tag, o);
    }
  }
  infos.set(schema, info);
  return info;
}

/** For a discriminated union, the option matching `value`'s discriminator. */
export function resolveUnion(schema: AnySchema, value: unknown): AnySchema {
  const info = infoOf(schema);
  if (info.byTag && value && typeof value === 'object') {
    return info.byTag.get((value as Record<string, unknown>)[info.discriminator!]) ?? schema;
  }
  return info.inner;
}

/** The declared keys of the object schema at this point, in declaration order, or undefined. */
export function objectKeys(schema: AnySchema | undefined, value: unknown): string[] | undefined {
  if (!schema) return undefined;
  return infoOf(resolveUnion(schema, value)).keys;
}

/** The schema at `path` inside `root` (a model-like value), or undefined. */
export function schemaAt(path: readonly (string | number)[], root: unknown): AnySchema | undefined {
  let schema: AnySchema | undefined = ModelSchema;
  let value: unknown = root;
  for (const seg of path) {
    schema = childSchema(schema, seg, value);
    value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[seg] : undefined;
    if (!schema) return undefined;
  }
  return schema;
}

/** The value at `path` inside `root`, or undefined. */
export function valueAt(path: readonly (string | number)[], root: unknown): unknown {
  let value: unknown = root;
  for (const seg of path) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[seg];
  }
  return value;
}
