/**
 * A fast path for the code view on large models: when a keystroke only
 * changed the body of one block-style node under `nodes:`, only that block is
 * parsed (js-yaml) and checked (the node's schema, then every cross
 * reference), and the rest of the model is reused as it was. Anything else
 * (a new key line, a flow-style node, a change outside `nodes:`, a problem
 * found) returns undefined and the full parser runs, which also gives the
 * positioned problems. The result is what `parseModel` would return.
 */
import jsyaml from 'js-yaml';
import { NodeSchema } from '../../../shared/model/schema';
import type { Model, ModelNode } from '../../../shared/model/types';
import { needsCarefulRoute, YAML12_CORE } from '../../../shared/parse/fast-route';
import { checkReferences } from '../../../shared/parse/references';

const NODE_HEADER = /^ {2}([a-z0-9][a-z0-9._-]{0,62}):[ \t]*(#.*)?$/;
const SECTION = /^nodes:[ \t]*(#.*)?$/;

function indentOf(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && text.charCodeAt(i) === 32) i++;
  return i - from;
}

/** Blank or comment-only line. */
function isFiller(text: string, from: number, to: number): boolean {
  const i = from + indentOf(text, from, to);
  return i >= to || text.charCodeAt(i) === 35 /* # */ || text.charCodeAt(i) === 13;
}

function blockEndOf(text: string, from: number): number {
  for (let ls = from; ls < text.length; ) {
    const le = text.indexOf('\n', ls);
    const lineEnd = le < 0 ? text.length : le;
    if (!isFiller(text, ls, lineEnd) && indentOf(text, ls, lineEnd) <= 2) return ls;
    if (le < 0) break;
    ls = le + 1;
  }
  return text.length;
}

export function parseNodeEdit(oldText: string, newText: string, oldModel: Model): Model | undefined {
  if (oldText === newText) return oldModel;
  const min = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < min && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let endOld = oldText.length;
  let endNew = newText.length;
  while (endOld > start && endNew > start && oldText.charCodeAt(endOld - 1) === newText.charCodeAt(endNew - 1)) {
    endOld--;
    endNew--;
  }

  // Walk up from the changed line to the node's header line (indent 2); everything between is deeper.
  let lineStart = start === 0 ? 0 : newText.lastIndexOf('\n', start - 1) + 1;
  let header: { id: string; from: number; to: number } | undefined;
  for (let ls = lineStart; ; ) {
    const le = newText.indexOf('\n', ls);
    const lineEnd = le < 0 ? newText.length : le;
    if (!isFiller(newText, ls, lineEnd)) {
      const indent = indentOf(newText, ls, lineEnd);
      if (indent <= 2) {
        const m = NODE_HEADER.exec(newText.slice(ls, lineEnd));
        if (!m || lineEnd >= start) return undefined; // the change touches the header or is not in a node body
        header = { id: m[1]!, from: ls, to: lineEnd };
        break;
      }
    }
    if (ls === 0) return undefined;
    ls = newText.lastIndexOf('\n', ls - 2) + 1;
  }
  // The header must sit in the top-level `nodes:` section.
  for (let ls = header.from; ls > 0; ) {
    ls = newText.lastIndexOf('\n', ls - 2) + 1;
    const le = newText.indexOf('\n', ls);
    const lineEnd = le < 0 ? newText.length : le;
    if (isFiller(newText, ls, lineEnd) || indentOf(newText, ls, lineEnd) > 0) {
      if (ls === 0) return undefined;
      continue;
    }
    if (!SECTION.test(newText.slice(ls, lineEnd))) return undefined;
    break;
  }
  // The block ends at the next line indented 2 or less, at the same place in both texts.
  const blockEnd = blockEndOf(newText, header.to + 1);
  if (newText.length - blockEnd !== oldText.length - blockEndOf(oldText, header.to + 1)) return undefined;
  if (endNew > blockEnd) return undefined;
  lineStart = header.from;
  const block = newText.slice(lineStart, blockEnd);
  // What the whole-file parser would send to its careful route, this one hands back too.
  if (needsCarefulRoute(block)) return undefined;
  const id = header.id;
  if (!(id in oldModel.nodes)) return undefined;
  let value: unknown;
  try {
    value = jsyaml.load(block, { schema: YAML12_CORE, json: false });
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Object.keys(value).length !== 1) return undefined;
  const node = (value as Record<string, unknown>)[id];
  if (!NodeSchema.safeParse(node).success) return undefined;
  const next: Model = { ...oldModel, nodes: { ...oldModel.nodes, [id]: node as ModelNode } };
  if (checkReferences(next).length > 0) return undefined;
  return next;
}
