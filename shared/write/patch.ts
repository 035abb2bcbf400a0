/**
 * The quick route of `updateModelText` for the edits a canvas makes all the
 * time: fields of some nodes changed, nodes moved (layout), nodes added or
 * removed. Parsing and re-rendering a whole Document of a thousand nodes
 * takes about a second; here the text is only split into lines, the entries
 * of the `nodes:` and `layout:` sections are found by their indentation, and
 * each changed entry's few lines are edited by the same Document route
 * (`Editor`, `renderEdited`) on their own. The rest of the text is kept as it
 * was, byte for byte. Anything else (other sections changed, flow-style or
 * unusual layout, anchors and tags, comments where a removal would have to
 * decide about them) returns undefined: the caller takes the Document route.
 */
import { Document, isMap, isScalar, parseDocument, type YAMLMap } from 'yaml';
import { ModelSchema } from '../model/schema';
import type { Model } from '../model/types';
import { childSchema, type AnySchema } from '../parse/schema-walk';
import { deepEqual, Editor, renderEdited, TO_STRING } from './update';

type Obj = Record<string, unknown>;
type Section = 'nodes' | 'layout';
const SECTIONS: readonly Section[] = ['nodes', 'layout'];

/** Anchors, aliases, tags, directives, document markers, tabs and CRs: the Document route knows them, this one does not. */
const CAREFUL = /(?:^|[\s[{,])[&*!][^\s\]},]|^%|^---|^\.\.\.|\t|\r/m;
const SECTION_HEADER = /^(nodes|layout):[ \t]*(?:#.*)?$/;
/** An entry's first line: a plain key at indent 2. */
const ENTRY = /^ {2}([A-Za-z0-9_.$-]+):(?:[ ]|$)/;
/** Map keys of a model section are at depth 1 (the model's own keys are depth 0), as in the Document route. */
const DEPTH = 1;

interface Entry {
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
      entries.push({ id: m[1]!, start: i, end: i });
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

function findSections(lines: string[]): Map<Section, SectionLines> | undefined {
  const found = new Map<Section, SectionLines>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length === 0 || line.charCodeAt(0) === 32 || line.charCodeAt(0) === 35) continue;
    const m = SECTION_HEADER.exec(line);
    if (!m) continue;
    const s = sectionAt(lines, i);
    if (!s) return undefined;
    found.set(m[1] as Section, s);
  }
  return found;
}

/** `text` (the YAML of `old`) edited to say `next`, or undefined when this route does not apply. */
export function patchModelText(text: string, old: Model, next: Model): string | undefined {
  if (old === next) return text;
  for (const k of new Set([...Object.keys(old), ...Object.keys(next)]) as Set<keyof Model>) {
    if (k === 'nodes' || k === 'layout') continue;
    if (old[k] !== next[k] && !deepEqual(old[k], next[k])) return undefined;
  }
  if ((old.layout === undefined) !== (next.layout === undefined)) return undefined;
  const changes: Partial<Record<Section, { changed: string[]; added: string[]; removed: string[] }>> = {};
  for (const section of SECTIONS) {
    const a = (old[section] ?? {}) as Obj;
    const b = (next[section] ?? {}) as Obj;
    if (a === b) continue;
    const c = { changed: [] as string[], added: [] as string[], removed: [] as string[] };
    for (const id of Object.keys(b)) {
      if (!Object.hasOwn(a, id)) c.added.push(id);
      else if (a[id] !== b[id] && !deepEqual(a[id], b[id])) c.changed.push(id);
    }
    for (const id of Object.keys(a)) if (!Object.hasOwn(b, id)) c.removed.push(id);
    if (c.changed.length || c.added.length || c.removed.length) changes[section] = c;
  }
  if (!changes.nodes && !changes.layout) return text;
  if (CAREFUL.test(text)) return undefined;

  const lines = text.split('\n');
  const sections = findSections(lines);
  if (!sections) return undefined;
  /** Line ranges [start, end) replaced by new lines; applied bottom-up. */
  const edits: { start: number; end: number; lines: string[] }[] = [];
  for (const section of SECTIONS) {
    const c = changes[section];
    if (!c) continue;
    const at = sections.get(section);
    if (!at || at.entries.length === 0) return undefined;
    const a = old[section] as Obj;
    const b = next[section] as Obj;
    const schema = childSchema(ModelSchema, section, next);
    const byId = new Map(at.entries.map((e) => [e.id, e]));
    if (byId.size !== at.entries.length || byId.size !== Object.keys(a).length) return undefined;
    for (const id of c.changed) {
      const e = byId.get(id);
      if (!e) return undefined;
      const edited = editEntry(lines.slice(e.start, e.end + 1), id, a[id], b[id], schema);
      if (!edited) return undefined;
      edits.push({ start: e.start, end: e.end + 1, lines: edited });
    }
    if (c.removed.length >= at.entries.length && c.added.length === 0) return undefined;
    for (const id of c.removed) {
      const e = byId.get(id);
      if (!e) return undefined;
      // Lines above the entry (a comment, a blank line) belong to its key in the Document: leave such removals to it.
      const prev = at.entries[at.entries.indexOf(e) - 1];
      if ((prev ? prev.end : at.header) !== e.start - 1) return undefined;
      edits.push({ start: e.start, end: e.end + 1, lines: [] });
    }
    if (c.added.length) {
      const last = at.entries.at(-1)!;
      if (c.removed.includes(last.id)) return undefined;
      const added = renderEntries(c.added, b, schema);
      if (!added) return undefined;
      edits.push({ start: last.end + 1, end: last.end + 1, lines: added });
    }
  }
  edits.sort((x, y) => y.start - x.start || y.end - x.end);
  for (const e of edits) lines.splice(e.start, e.end - e.start, ...e.lines);
  return lines.join('\n');
}

const dedent = (lines: string[]) => lines.map((l) => (isBlank(l) ? '' : l.slice(2)));
/** Indents a rendered entry by 2; undefined if it has whitespace-only lines (a block scalar's, which indenting would change). */
function indent(text: string): string[] | undefined {
  const out = text.replace(/\n$/, '').split('\n');
  if (out.some((l) => l.length > 0 && isBlank(l))) return undefined;
  return out.map((l) => (l.length ? '  ' + l : l));
}

function editEntry(block: string[], id: string, before: unknown, after: unknown, schema: AnySchema | undefined): string[] | undefined {
  // Every line of an entry is indented at least 2 (else it is not where this route assumed).
  if (block.some((l) => !isBlank(l) && !l.startsWith('  '))) return undefined;
  const source = dedent(block).join('\n') + '\n';
  const doc = parseDocument(source, { uniqueKeys: true, stringKeys: true });
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  const map = doc.contents as YAMLMap;
  const key = map.items[0]?.key;
  if (map.items.length !== 1 || !isScalar(key) || key.value !== id) return undefined;
  let read: unknown;
  try {
    read = (doc.toJS({ maxAliasCount: 0 }) as Obj)[id];
  } catch {
    return undefined;
  }
  if (!deepEqual(read, before)) return undefined;
  const edited = renderEdited(source, doc, { [id]: after }, () =>
    new Editor(doc).updateMap(map, { [id]: before }, { [id]: after }, schema, DEPTH),
  );
  return indent(edited);
}

/** New entries as the Document route writes them (canonical, at the end of their section). */
function renderEntries(ids: string[], values: Obj, schema: AnySchema | undefined): string[] | undefined {
  const doc = new Document({}) as Document.Parsed;
  const value: Obj = {};
  for (const id of ids) value[id] = values[id];
  new Editor(doc).updateMap(doc.contents as YAMLMap, {}, value, schema, DEPTH);
  return indent(doc.toString(TO_STRING));
}
