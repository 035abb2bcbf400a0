/**
 * The quick route of `updateModelText` for the edits a canvas makes all the
 * time: fields of some nodes changed, nodes moved (layout), nodes and links
 * added or removed, a link's fields changed; likewise contexts, notes,
 * suppressions and the other top-level maps and lists; a first `layout:`
 * appended to a model that had none. Parsing and re-rendering a whole Document of a thousand nodes
 * takes about a second; here the text is only split into lines, the entries
 * of the changed top-level sections (`nodes:`, `layout:`, `links:`...) are found by their indentation, and
 * each changed entry's few lines are edited by the same Document route
 * (`Editor`, `renderEdited`) on their own. The rest of the text is kept as it
 * was, byte for byte. Anything else (a top-level scalar or a whole section
 * changed, flow-style or unusual layout, anchors and tags, comments where a
 * removal would have to decide about them) returns undefined: the caller
 * takes the Document route.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { ModelSchema } from '../model/schema';
import type { Model } from '../model/types';
import { childSchema, type AnySchema } from '../parse/schema-walk';
import { keyRanks } from './order';
import { deepEqual, Editor, renderEdited, seqSplit, TO_STRING } from './update';

type Obj = Record<string, unknown>;

/** Anchors, aliases, tags, directives, document markers, tabs and CRs: the Document route knows them, this one does not. */
const CAREFUL = /(?:^|[\s[{,])[&*!][^\s\]},]|^%|^---|^\.\.\.|\t|\r/m;
const SECTION_HEADER = /^([A-Za-z0-9_.$-]+):[ \t]*(?:#.*)?$/;
/** An entry's first line: a plain key at indent 2, or a list item's dash at indent 2. */
const ENTRY = /^ {2}(?:([A-Za-z0-9_.$-]+):|(-))(?:[ ]|$)/;
/** Map keys of a model section are at depth 1 (the model's own keys are depth 0), as in the Document route. */
const DEPTH = 1;

interface Entry {
  /** The key ('-' for a list item). */
  id: string;
  /** Lines [start, end] (inclusive): the key line to the entry's last line of content. */
  start: number;
  end: number;
}

interface SectionLines {
  header: number;
  entries: Entry[];
}

const indentOf = (line: string) => line.length - line.trimStart().length;
const isBlank = (line: string) => line.trim() === '';
const isFiller = (line: string) => isBlank(line) || line.trimStart().startsWith('#');

/** The entries of one top-level block section, or undefined when its lines are not the plain shape this route edits. */
function sectionAt(lines: string[], header: number): SectionLines | undefined {
  const entries: Entry[] = [];
  let i = header + 1;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (isFiller(line)) {
      // A comment at indent 0 or 1 may end the section (it belongs to the next key) or sit inside it.
      continue;
    }
    const indent = indentOf(line);
    if (indent === 0) break;
    if (indent === 1) return undefined;
    if (indent === 2) {
      const m = ENTRY.exec(line);
      if (!m) return undefined;
      entries.push({ id: m[1] ?? m[2]!, start: i, end: i });
    } else if (entries.length === 0) return undefined;
    // Content of the current entry; trailing comments at indent 2 or less stay outside it.
    entries.at(-1)!.end = i;
  }
  // Comment or blank lines deeper than 2 right after an entry's content belong to it (a block scalar's lines may look like comments).
  for (const e of entries) {
    let j = e.end + 1;
    while (j < lines.length && isFiller(lines[j]!) && !isBlank(lines[j]!) && indentOf(lines[j]!) > 2) j++;
    e.end = j - 1;
  }
  return { header, entries };
}

/** The block sections named in `wanted` (undefined if one of them is not in the plain shape this route edits). */
function findSections(lines: string[], wanted: Set<string>): Map<string, SectionLines> | undefined {
  const found = new Map<string, SectionLines>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length === 0 || line.charCodeAt(0) === 32 || line.charCodeAt(0) === 35) continue;
    const m = SECTION_HEADER.exec(line);
    if (!m || !wanted.has(m[1]!)) continue;
    const s = sectionAt(lines, i);
    if (!s) return undefined;
    found.set(m[1]!, s);
  }
  return found;
}

/** Line ranges [start, end) replaced by new lines. */
interface LineEdit {
  start: number;
  end: number;
  lines: string[];
}

/** `text` (the YAML of `old`) edited to say `next`, or undefined when this route does not apply. */
export function patchModelText(text: string, old: Model, next: Model): string | undefined {
  if (old === next) return text;
  const a0 = old as unknown as Obj;
  const b0 = next as unknown as Obj;
  const mapChanges = new Map<string, { changed: string[]; added: string[]; removed: string[] }>();
  const seqChanges = new Map<string, { head: number; oldMid: number; nextMid: number }>();
  let added: string | undefined;
  for (const k of new Set([...Object.keys(a0), ...Object.keys(b0)])) {
    const a = a0[k];
    const b = b0[k];
    if (a === b) continue;
    if (Array.isArray(a) && Array.isArray(b)) {
      const c = seqChange(a, b);
      if (c) seqChanges.set(k, c);
    } else if (isObj(a) && isObj(b)) {
      const c = mapChange(a, b);
      if (c) mapChanges.set(k, c);
    } else if (a === undefined && b !== undefined && added === undefined) added = k;
    else if (!deepEqual(a, b)) return undefined; // a scalar (name, description), a section removed
  }
  if (mapChanges.size === 0 && seqChanges.size === 0 && added === undefined) return text;
  if (CAREFUL.test(text)) return undefined;

  const lines = text.split('\n');
  if (added !== undefined) {
    // A new section (the first layout of a hand-written model) that goes after every key the text has: appended.
    const rank = keyRanks(ModelSchema, next)!;
    const r = rank.get(added);
    if (r === undefined || Object.keys(a0).some((k) => (rank.get(k) ?? -1) > r)) return undefined;
    const last = lines.length - 1;
    if (lines[last] !== '' || last === 0 || isFiller(lines[last - 1]!)) return undefined;
    const doc = new Document({}) as Document.Parsed;
    new Editor(doc).updateMap(doc.contents as YAMLMap, {}, { [added]: b0[added] }, ModelSchema, 0);
    lines.splice(last, 0, ...doc.toString(TO_STRING).replace(/\n$/, '').split('\n'));
  }
  const sections = findSections(lines, new Set([...mapChanges.keys(), ...seqChanges.keys()]));
  if (!sections) return undefined;
  const edits: LineEdit[] = [];
  for (const [section, c] of mapChanges) {
    const at = sections.get(section);
    if (!at || at.entries.length === 0) return undefined;
    const a = a0[section] as Obj;
    const b = b0[section] as Obj;
    const schema = childSchema(ModelSchema, section, next);
    const byId = new Map(at.entries.map((e) => [e.id, e]));
    if (byId.size !== at.entries.length || byId.size !== Object.keys(a).length) return undefined;
    for (const id of c.changed) {
      const e = byId.get(id);
      const edited = e && editEntry(lines.slice(e.start, e.end + 1), id, a[id], b[id], schema);
      if (!edited) return undefined;
      edits.push({ start: e.start, end: e.end + 1, lines: edited });
    }
    if (c.removed.length >= at.entries.length && c.added.length === 0) return undefined;
    for (const id of c.removed) {
      const e = byId.get(id);
      if (!e || !removable(at, at.entries.indexOf(e))) return undefined;
      edits.push({ start: e.start, end: e.end + 1, lines: [] });
    }
    if (c.added.length) {
      // New keys of a free-form map (nodes, layout, contexts) go last, as the Document route appends
      // them; an object with a canonical key order (slo, analysis) places them: left to that route.
      if (keyRanks(schema, b)) return undefined;
      const last = at.entries.at(-1)!;
      if (c.removed.includes(last.id)) return undefined;
      const value: Obj = {};
      for (const id of c.added) value[id] = b[id];
      const added = renderNew({}, value, schema);
      if (!added) return undefined;
      const line = afterTrailingComments(lines, last.end + 1);
      edits.push({ start: line, end: line, lines: added });
    }
  }
  for (const [section, { head, oldMid, nextMid }] of seqChanges) {
    const at = sections.get(section);
    const a = a0[section] as unknown[];
    const b = b0[section] as unknown[];
    if (!at || at.entries.length !== a.length || at.entries.some((e) => e.id !== '-')) return undefined;
    const schema = childSchema(ModelSchema, section, next);
    const common = Math.min(oldMid, nextMid);
    for (let i = head; i < head + common; i++) {
      const e = at.entries[i]!;
      const edited = editEntry(lines.slice(e.start, e.end + 1), undefined, a[i], b[i], schema);
      if (!edited) return undefined;
      edits.push({ start: e.start, end: e.end + 1, lines: edited });
    }
    if (oldMid - common >= at.entries.length) return undefined;
    for (let i = head + common; i < head + oldMid; i++) {
      if (!removable(at, i)) return undefined;
      edits.push({ start: at.entries[i]!.start, end: at.entries[i]!.end + 1, lines: [] });
    }
    if (nextMid > common) {
      // After the item before them (a comment above the next item stays with that item).
      const before = head + common - 1;
      if (before < 0) return undefined;
      const added = renderNew([], b.slice(head + common, head + nextMid), schema);
      if (!added) return undefined;
      const end = at.entries[before]!.end + 1;
      const line = before === at.entries.length - 1 ? afterTrailingComments(lines, end) : end;
      edits.push({ start: line, end: line, lines: added });
    }
  }
  // Bottom-up, so earlier line numbers stay valid; at one line, a removal before an insertion.
  edits.sort((x, y) => y.start - x.start || y.end - x.end);
  for (const e of edits) lines.splice(e.start, e.end - e.start, ...e.lines);
  return lines.join('\n');
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function mapChange(a: Obj, b: Obj): { changed: string[]; added: string[]; removed: string[] } | undefined {
  const c = { changed: [] as string[], added: [] as string[], removed: [] as string[] };
  for (const id of Object.keys(b)) {
    if (b[id] === undefined) continue;
    if (!Object.hasOwn(a, id) || a[id] === undefined) c.added.push(id);
    else if (a[id] !== b[id] && !deepEqual(a[id], b[id])) c.changed.push(id);
  }
  for (const id of Object.keys(a)) if (a[id] !== undefined && (!Object.hasOwn(b, id) || b[id] === undefined)) c.removed.push(id);
  return c.changed.length || c.added.length || c.removed.length ? c : undefined;
}

/** The Document route's split of a list edit: a common head and tail, a middle that changed. */
function seqChange(a: readonly unknown[], b: readonly unknown[]): ReturnType<typeof seqSplit> | undefined {
  if (a === b) return undefined;
  const split = seqSplit(a, b);
  return split.oldMid === 0 && split.nextMid === 0 ? undefined : split;
}

/** Comments indented 2 or more after a section's last entry stay above what is appended, as in the Document. */
function afterTrailingComments(lines: string[], from: number): number {
  let at = from;
  for (let i = from; i < lines.length && isFiller(lines[i]!); i++) {
    if (isBlank(lines[i]!)) continue;
    if (indentOf(lines[i]!) < 2) break;
    at = i + 1;
  }
  return at;
}

/** Lines above an entry (a comment, a blank line) belong to its key in the Document: leave such removals to it. */
function removable(at: SectionLines, index: number): boolean {
  const prev = at.entries[index - 1];
  return (prev ? prev.end : at.header) === at.entries[index]!.start - 1;
}

const dedent = (lines: string[]) => lines.map((l) => (isBlank(l) ? '' : l.slice(2)));
/** Indents a rendered entry by 2; undefined if it has whitespace-only lines (a block scalar's, which indenting would change). */
function indent(text: string): string[] | undefined {
  const out = text.replace(/\n$/, '').split('\n');
  if (out.some((l) => l.length > 0 && isBlank(l))) return undefined;
  return out.map((l) => (l.length ? '  ' + l : l));
}

/** One entry's lines (a map entry `id`, or a list item when `id` is undefined) edited from `before` to `after`. */
function editEntry(block: string[], id: string | undefined, before: unknown, after: unknown, schema: AnySchema | undefined): string[] | undefined {
  const moved = id !== undefined && block.length === 1 ? movePosition(block[0]!, id, before, after) : undefined;
  if (moved) return [moved];
  // Every line of an entry is indented at least 2 (else it is not where this route assumed).
  if (block.some((l) => !isBlank(l) && !l.startsWith('  '))) return undefined;
  const source = dedent(block).join('\n') + '\n';
  const doc = parseDocument(source, { uniqueKeys: true, stringKeys: true });
  if (doc.errors.length) return undefined;
  const root = doc.contents;
  if (id === undefined ? !isSeq(root) : !isMap(root)) return undefined;
  const coll = root as YAMLMap | YAMLSeq;
  if (coll.items.length !== 1) return undefined;
  if (id !== undefined) {
    const key = (coll as YAMLMap).items[0]!.key;
    if (!isScalar(key) || key.value !== id) return undefined;
  }
  let read: unknown;
  try {
    read = doc.toJS({ maxAliasCount: 0 }) as unknown;
  } catch {
    return undefined;
  }
  const editor = new Editor(doc);
  if (id === undefined) {
    if (!deepEqual((read as unknown[])[0], before)) return undefined;
    return indent(renderEdited(source, doc, [after], () => editor.updateSeq(coll as YAMLSeq, [before], [after], schema, DEPTH)));
  }
  if (!deepEqual((read as Obj)[id], before)) return undefined;
  return indent(renderEdited(source, doc, { [id]: after }, () => editor.updateMap(coll as YAMLMap, { [id]: before }, { [id]: after }, schema, DEPTH)));
}

/** A layout entry as the canonical form writes it, `  id: { x: 1, y: 2 }`. */
const POSITION_LINE = /^ {2}([A-Za-z0-9_.$-]+): \{ x: (-?[0-9][0-9.e+-]*), y: (-?[0-9][0-9.e+-]*) \}$/;

/**
 * A moved node's layout line with its numbers replaced: what the Document route
 * writes for it, without parsing (a layout of a thousand nodes moves at once).
 * Undefined for anything but plain {x, y} numbers the line spells as JS does.
 */
function movePosition(line: string, id: string, before: unknown, after: unknown): string | undefined {
  const m = POSITION_LINE.exec(line);
  if (!m || m[1] !== id || !isPosition(before) || !isPosition(after)) return undefined;
  if (m[2] !== String(before.x) || m[3] !== String(before.y)) return undefined;
  return `  ${id}: { x: ${String(after.x)}, y: ${String(after.y)} }`;
}

function isPosition(v: unknown): v is { x: number; y: number } {
  if (!isObj(v)) return false;
  const keys = Object.keys(v);
  if (keys.length !== 2 || keys[0] !== 'x' || keys[1] !== 'y') return false;
  const plain = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && !Object.is(n, -0) && !/e/.test(String(n));
  return plain(v.x) && plain(v.y);
}

/** New entries (keys of a map section, or list items) as the Document route writes them: canonical. */
function renderNew(empty: Obj | unknown[], value: Obj | unknown[], schema: AnySchema | undefined): string[] | undefined {
  const doc = new Document(empty) as Document.Parsed;
  const editor = new Editor(doc);
  if (Array.isArray(value)) editor.updateSeq(doc.contents as YAMLSeq, [], value, schema, DEPTH);
  else editor.updateMap(doc.contents as YAMLMap, {}, value, schema, DEPTH);
  return indent(doc.toString(TO_STRING));
}
