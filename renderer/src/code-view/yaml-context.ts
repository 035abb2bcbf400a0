/**
 * Where the cursor is in a YAML model text, for completion: the path of keys
 * above it (found by indentation, so a half-typed, invalid document still
 * works), whether a key or a value is being typed, and the sibling keys
 * already present (with their inline values, to tell a node's kind).
 */
export interface YamlContext {
  /** Keys and list items (as 0) from the root to the mapping being typed in. */
  path: (string | number)[];
  mode: 'key' | 'value';
  /** The key whose value is typed (value mode). */
  key?: string;
  /** What is typed so far of the key or value. */
  prefix: string;
  /** Offset where the typed word starts. */
  from: number;
  /** Column of the key being typed (the indentation a nested block adds to). */
  column: number;
  /** Keys present beside the one being typed, with their inline values. */
  siblings: Map<string, string>;
}

const KEY = String.raw`([A-Za-z0-9_$][A-Za-z0-9_.$-]*|"[^"]*"|'[^']*')`;
const KEY_LINE = new RegExp(String.raw`^(\s*)((?:-\s+)*)` + KEY + String.raw`\s*:(?:\s+(.*))?$`);
const KEY_TYPING = /^(\s*)((?:-\s+)*)([A-Za-z0-9_.$-]*)$/;
const VALUE_TYPING = new RegExp(String.raw`^(\s*)((?:-\s+)*)` + KEY + String.raw`:\s+([^\s#]*)$`);
const DASH_ONLY = /^(\s*)-(\s+.*)?$/;

interface LineInfo {
  /** Column of the first dash, or of the key when there is none. */
  indent: number;
  dashes: number;
  /** Column where the key (the item content) starts. */
  col: number;
  key?: string;
  value?: string;
}

function unquote(k: string): string {
  return (k.startsWith('"') && k.endsWith('"')) || (k.startsWith("'") && k.endsWith("'")) ? k.slice(1, -1) : k;
}

function lineInfo(line: string): LineInfo | null {
  if (/^\s*(#.*)?$/.test(line)) return null;
  const m = KEY_LINE.exec(line);
  if (m) {
    const indent = m[1]!.length;
    const dashes = (m[2]!.match(/-/g) ?? []).length;
    const value = m[4]?.replace(/\s+#.*$/, '').trim();
    return { indent, dashes, col: indent + m[2]!.length, key: unquote(m[3]!), ...(value ? { value } : {}) };
  }
  const d = DASH_ONLY.exec(line);
  if (d) return { indent: d[1]!.length, dashes: 1, col: d[1]!.length + 2 };
  return { indent: line.length - line.trimStart().length, dashes: 0, col: line.length - line.trimStart().length };
}

export function yamlContextAt(text: string, pos: number): YamlContext | null {
  const lineStart = pos === 0 ? 0 : text.lastIndexOf('\n', pos - 1) + 1;
  const before = text.slice(lineStart, pos);
  let mode: 'key' | 'value';
  let indent: number;
  let dashText: string;
  let prefix: string;
  let key: string | undefined;
  const k = KEY_TYPING.exec(before);
  const v = k ? null : VALUE_TYPING.exec(before);
  if (k) {
    mode = 'key';
    indent = k[1]!.length;
    dashText = k[2]!;
    prefix = k[3]!;
  } else if (v) {
    mode = 'value';
    indent = v[1]!.length;
    dashText = v[2]!;
    key = unquote(v[3]!);
    prefix = v[4]!.replace(/^["']/, '');
  } else return null;
  const col = indent + dashText.length;
  const ownDashes = (dashText.match(/-/g) ?? []).length;

  // Walk up: every line whose content starts left of the current limit is an ancestor.
  const tail: (string | number)[] = [];
  for (let i = 0; i < ownDashes; i++) tail.push(0);
  // A list item's parent key may sit at the dash's own column (compact sequences).
  let limit = ownDashes ? indent : col;
  let compactOk = ownDashes > 0;
  const ancestors: (string | number)[] = [];
  let blockTop = lineStart;
  let at = lineStart;
  while (at > 0) {
    const end = at - 1;
    const start = end === 0 ? 0 : text.lastIndexOf('\n', end - 1) + 1;
    at = start;
    const info = lineInfo(text.slice(start, end));
    if (!info) continue;
    if (info.dashes > 0 && info.col === limit && !compactOk) {
      // The first line of the list item we are in: its key is a sibling, the item an ancestor.
      for (let i = 0; i < info.dashes; i++) ancestors.unshift(0);
      limit = info.indent;
      compactOk = true;
      continue;
    }
    const isParent = info.col < limit || (compactOk && info.col === limit && info.dashes === 0 && info.key && !info.value);
    if (!isParent) continue;
    if (ancestors.length === 0 && tail.length === 0 && blockTop === lineStart) blockTop = start;
    if (info.key !== undefined) {
      ancestors.unshift(info.key);
      for (let i = 0; i < info.dashes; i++) ancestors.unshift(0);
    } else {
      for (let i = 0; i < info.dashes; i++) ancestors.unshift(0);
    }
    limit = info.indent;
    compactOk = info.dashes > 0;
    if (limit === 0 && info.dashes === 0) break;
  }

  // Siblings: keys at the same column in the same block (above and below the cursor line).
  const siblings = new Map<string, string>();
  const lines = text.split('\n');
  const cursorLine = text.slice(0, lineStart).split('\n').length - 1;
  const scan = (from: number, step: number) => {
    for (let i = from; i >= 0 && i < lines.length; i += step) {
      const info = lineInfo(lines[i]!);
      if (!info) continue;
      if (info.col < col && !(info.dashes > 0 && info.indent + 2 * info.dashes === col && step < 0)) break;
      if (info.col === col && info.key !== undefined) siblings.set(info.key, info.value ?? '');
      if (info.dashes > 0 && info.col === col && step < 0) break; // the start of this list item
      if (step > 0 && info.dashes > 0 && info.indent < col) break; // the next list item
    }
  };
  if (ownDashes === 0) scan(cursorLine - 1, -1);
  scan(cursorLine + 1, 1);
  return { path: [...ancestors, ...tail], mode, key, prefix, from: pos - prefix.length, column: col, siblings };
}
