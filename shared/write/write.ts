/**
 * The canonical writer: one stable, diff-friendly YAML text per model.
 * Block style with a fixed key order; short maps and lists of scalars on one
 * line in flow style (`{ x: 0, y: 0 }`, links, columns). Written by hand
 * rather than through the yaml library's Document because it runs on every
 * save of large models; the round-trip tests hold it to what both YAML
 * readers make of it.
 */
import type { Model } from '../model/types';
import { childSchema, type AnySchema } from '../parse/schema-walk';
import { ModelSchema } from '../model/schema';
import { keyRanks, orderedKeys } from './order';
import { inlineScalar, isScalar, keyText, literalBlock } from './scalars';

export interface WriteOptions {
  /** Adds `# yaml-language-server: $schema=<url>` as the first line, for editor completion. */
  schemaUrl?: string;
}

/** Longest line a flow collection may make (indentation and key included). */
export const FLOW_WIDTH = 120;
const INDENT = '  ';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function writeModel(model: Model, options: WriteOptions = {}): string {
  const out: string[] = [];
  if (options.schemaUrl) out.push(`# yaml-language-server: $schema=${options.schemaUrl}`);
  writeValue(out, model, ModelSchema, '');
  return out.join('\n') + '\n';
}

/** Any value as a YAML document in canonical form (used for nodes inserted into hand-written files). */
export function writeValue(out: string[], value: unknown, schema: AnySchema | undefined, indent: string): void {
  if (isObj(value)) writeMap(out, value, schema, indent);
  else if (Array.isArray(value)) writeSeq(out, value, schema, indent);
  else out.push(indent + scalarText(value, indent));
}

function writeMap(out: string[], obj: Obj, schema: AnySchema | undefined, indent: string): void {
  const keys = orderedKeys(obj, keyRanks(schema, obj));
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    writeEntry(out, `${indent}${keyText(k)}:`, v, childSchema(schema, k, obj), indent);
  }
}

function writeSeq(out: string[], list: unknown[], schema: AnySchema | undefined, indent: string): void {
  const itemSchema = childSchema(schema, 0, list);
  for (const item of list) {
    const v = item === undefined ? null : item;
    const flow = isScalar(v) ? undefined : flowIfShort(v, indent.length + 2, itemSchema);
    if (flow !== undefined) {
      out.push(`${indent}- ${flow}`);
    } else if (isObj(v)) {
      const start = out.length;
      writeMap(out, v, itemSchema, indent + INDENT);
      if (out.length > start) out[start] = `${indent}- ${out[start]!.slice(indent.length + 2)}`;
      else out.push(`${indent}- {}`);
    } else if (Array.isArray(v)) {
      // A compact nested list (`- - a`), as the yaml library writes it.
      const start = out.length;
      writeSeq(out, v, itemSchema, indent + INDENT);
      out[start] = `${indent}- ${out[start]!.slice(indent.length + 2)}`;
    } else {
      out.push(`${indent}- ${scalarText(v, indent + INDENT)}`);
    }
  }
}

/** `prefix` is the indented key and colon; the value follows on the line or below it. */
function writeEntry(out: string[], prefix: string, v: unknown, schema: AnySchema | undefined, indent: string): void {
  if (isScalar(v)) {
    out.push(`${prefix} ${scalarText(v, indent + INDENT)}`);
    return;
  }
  const flow = flowIfShort(v, prefix.length + 1, schema);
  if (flow !== undefined) out.push(`${prefix} ${flow}`);
  else {
    out.push(prefix);
    if (isObj(v)) writeMap(out, v, schema, indent + INDENT);
    else writeSeq(out, v as unknown[], schema, indent + INDENT);
  }
}

/** A scalar in block context: a literal block for multi-line text. */
export function scalarText(v: unknown, blockIndent: string): string {
  if (typeof v === 'string' && v.includes('\n')) return literalBlock(v, blockIndent) ?? inlineScalar(v, false);
  return inlineScalar(v, false);
}

/** Canonical text of a value placed at `column` (after its key or dash): flow when short, else a block document. */
export function valueText(value: unknown, schema: AnySchema | undefined, column: number): string {
  const flow = isScalar(value) ? undefined : flowIfShort(value, column, schema);
  if (flow !== undefined) return flow;
  const out: string[] = [];
  writeValue(out, value, schema, '');
  return out.join('\n');
}

/** Whether the canonical form writes this collection, placed at `column`, in flow style. */
export function isFlowStyle(v: unknown, column: number, schema: AnySchema | undefined): boolean {
  return !isScalar(v) && flowIfShort(v, column, schema) !== undefined;
}

/** The flow text of empty collections, and of short collections of scalars without line breaks; else undefined. */
function flowIfShort(v: unknown, column: number, schema: AnySchema | undefined): string | undefined {
  const text = isFlow(v, column) ? flowText(v, schema) : undefined;
  return text !== undefined && column + text.length <= FLOW_WIDTH ? text : undefined;
}

/** A cheap first estimate; flowIfShort checks the real width. */
function isFlow(v: unknown, column: number): boolean {
  if (isObj(v)) {
    const keys = Object.keys(v);
    if (keys.length === 0) return true;
    let width = column + 4;
    for (const k of keys) {
      const x = v[k];
      if (x === undefined) continue;
      if (!isScalar(x) || (typeof x === 'string' && x.includes('\n'))) return false;
      width += k.length + 4 + (typeof x === 'string' ? x.length : 6);
      if (width > FLOW_WIDTH) return false;
    }
    return true;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return true;
    let width = column + 2;
    for (const x of v) {
      if (!isScalar(x) || (typeof x === 'string' && x.includes('\n'))) return false;
      width += (typeof x === 'string' ? x.length : 6) + 2;
      if (width > FLOW_WIDTH) return false;
    }
    return true;
  }
  return false;
}

function flowText(v: unknown, schema: AnySchema | undefined): string {
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[ ${v.map((x) => inlineScalar(x === undefined ? null : x, true)).join(', ')} ]`;
  const obj = v as Obj;
  const parts: string[] = [];
  for (const k of orderedKeys(obj, keyRanks(schema, obj))) {
    if (obj[k] !== undefined) parts.push(`${keyText(k, true)}: ${inlineScalar(obj[k], true)}`);
  }
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}
