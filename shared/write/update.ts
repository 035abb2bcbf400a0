/**
 * Edits a hand-written model file in place: the original yaml Document is
 * changed only where the model changed (values set, keys deleted or inserted
 * at their canonical place, list items spliced), so comments, key order and
 * the formatting of everything unrelated survive. New parts are written in
 * canonical form.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { ModelSchema } from '../model/schema';
import type { Model } from '../model/types';
import { childSchema, type AnySchema } from '../parse/schema-walk';
import { mergeFormatting } from './merge';
import { keyRanks } from './order';
import { valueText, writeModel } from './write';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Options that re-render an unchanged Document as it was written (no folding of long lines). */
export const TO_STRING = { lineWidth: 0, minContentWidth: 0 } as const;

export function updateModelText(originalText: string, next: Model): string {
  let doc: Document.Parsed;
  try {
    doc = parseDocument(originalText, { uniqueKeys: true, stringKeys: true });
  } catch {
    return writeModel(next);
  }
  if (doc.errors.length > 0 || !isMap(doc.contents)) return writeModel(next);
  let current: unknown;
  try {
    current = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return writeModel(next);
  }
  return renderEdited(originalText, doc, next, () =>
    new Editor(doc).updateMap(doc.contents as YAMLMap, current as Obj, next as unknown as Obj, ModelSchema),
  );
}

/**
 * Runs `edit` on `doc` (parsed from `originalText`) and renders the result:
 * lines the edit did not touch keep the author's formatting (see merge.ts),
 * when the merged text reads back as `expected`; else the library's rendering.
 */
export function renderEdited(originalText: string, doc: Document.Parsed, expected: unknown, edit: () => void): string {
  const before = doc.toString(TO_STRING);
  edit();
  const after = doc.toString(TO_STRING);
  if (before === originalText || after === before) return after === before ? originalText : after;
  const merged = mergeFormatting(originalText, before, after);
  // The merge works on lines; trust it only when it reads back as the new model.
  if (merged !== undefined && readsAs(merged, expected)) return merged;
  return after;
}

function readsAs(text: string, expected: unknown): boolean {
  try {
    const doc = parseDocument(text, { uniqueKeys: true, stringKeys: true });
    return doc.errors.length === 0 && deepEqual(doc.toJS({ maxAliasCount: 100 }), expected);
  } catch {
    return false;
  }
}

export class Editor {
  constructor(private readonly doc: Document.Parsed) {}

  /** A canonical node for `value` (parsed from canonical text, so it carries flow styles and quoting). */
  create(value: unknown, schema: AnySchema | undefined, column: number): Node {
    if (value === null || typeof value !== 'object') return this.doc.createNode(value) as Node;
    return parseDocument(valueText(value, schema, column) + '\n', { stringKeys: true }).contents as Node;
  }

  /** Updates `node` (holding `old`) to hold `next`; returns a replacement node when it cannot be edited in place. */
  update(node: unknown, old: unknown, next: unknown, schema: AnySchema | undefined, depth: number, column: number): Node | undefined {
    if (deepEqual(old, next)) return undefined;
    if (isAlias(node)) return this.create(next, schema, column);
    if (isObj(old) && isObj(next) && isMap(node)) {
      this.updateMap(node, old, next, schema, depth);
      return undefined;
    }
    if (Array.isArray(old) && Array.isArray(next) && isSeq(node)) {
      this.updateSeq(node, old, next, schema, depth);
      return undefined;
    }
    if (isScalar(node) && (next === null || typeof next !== 'object')) {
      // Keeps the scalar's comment; its quoting style is kept when it still fits the new value.
      const fresh = this.doc.createNode(next) as Node;
      node.value = next;
      if (typeof next !== 'string' || typeof old !== 'string') node.type = (fresh as typeof node).type;
      return undefined;
    }
    return this.create(next, schema, column);
  }

  /** `depth`: nesting of the map's keys (0 for the model), for the width rule of flow style. */
  updateMap(node: YAMLMap, old: Obj, next: Obj, schema: AnySchema | undefined, depth = 0): void {
    for (const key of Object.keys(old)) {
      if (next[key] === undefined) node.delete(key);
    }
    const rank = keyRanks(schema, next);
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined) continue;
      const child = childSchema(schema, key, next);
      if (Object.hasOwn(old, key) && old[key] !== undefined) {
        const pair = node.items.find((p) => keyOf(p) === key);
        if (!pair) continue;
        const replacement = this.update(pair.value, old[key], value, child, depth + 1, 2 * depth + key.length + 2);
        if (replacement) pair.value = replacement;
      } else {
        const pair = this.doc.createPair(key, null) as Pair;
        pair.value = this.create(value, child, 2 * depth + key.length + 2);
        // At its canonical place among the existing keys, else at the end.
        const r = rank?.get(key);
        const at = r === undefined ? -1 : node.items.findIndex((p) => (rank!.get(keyOf(p)) ?? -1) > r);
        if (at < 0) node.items.push(pair);
        else node.items.splice(at, 0, pair);
      }
    }
  }

  /** Keeps the common head and tail; edits the middle item by item; inserts or removes the rest. */
  updateSeq(node: YAMLSeq, old: unknown[], next: unknown[], schema: AnySchema | undefined, depth: number): void {
    const item = childSchema(schema, 0, next);
    const { head, oldMid, nextMid } = seqSplit(old, next);
    const common = Math.min(oldMid, nextMid);
    for (let i = head; i < head + common; i++) {
      const replacement = this.update(node.items[i], old[i], next[i], item, depth + 1, 2 * depth + 2);
      if (replacement) node.items[i] = replacement;
    }
    if (oldMid > common) node.items.splice(head + common, oldMid - common);
    for (let i = common; i < nextMid; i++) node.items.splice(head + i, 0, this.create(next[head + i], item, 2 * depth + 2));
  }
}

/** How a list edit splits: the common head and tail, and the lengths of the middle before and after. */
export function seqSplit(old: readonly unknown[], next: readonly unknown[]): { head: number; oldMid: number; nextMid: number } {
  let head = 0;
  while (head < old.length && head < next.length && deepEqual(old[head], next[head])) head++;
  let tail = 0;
  while (tail < old.length - head && tail < next.length - head && deepEqual(old[old.length - 1 - tail], next[next.length - 1 - tail])) tail++;
  return { head, oldMid: old.length - head - tail, nextMid: next.length - head - tail };
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ao = a as Obj;
  const bo = b as Obj;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => deepEqual(ao[k], bo[k]));
}
