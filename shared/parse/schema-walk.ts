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
  const s = resolveUnion(unwrap(schema), value);
  if (s instanceof z.ZodObject) return (s.shape as Record<string, AnySchema>)[String(key)];
  if (s instanceof z.ZodRecord) return s.valueType as AnySchema;
  if (s instanceof z.ZodArray) return s.element as AnySchema;
  return undefined;
}

/** For a discriminated union, the option matching `value`'s discriminator. */
export function resolveUnion(schema: AnySchema, value: unknown): AnySchema {
  if (schema instanceof z.ZodDiscriminatedUnion && value && typeof value === 'object') {
    const disc = schema._zod.def.discriminator;
    const tag = (value as Record<string, unknown>)[disc];
    for (const option of schema.options as AnySchema[]) {
      const o = unwrap(option);
      if (o instanceof z.ZodObject) {
        const d = (o.shape as Record<string, AnySchema>)[disc];
        if (d instanceof z.ZodLiteral && d.values.has(tag as never)) return o;
      }
    }
  }
  return schema;
}

/** The declared keys of the object schema at this point, in declaration order, or undefined. */
export function objectKeys(schema: AnySchema | undefined, value: unknown): string[] | undefined {
  if (!schema) return undefined;
  const s = resolveUnion(unwrap(schema), value);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : undefined;
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
