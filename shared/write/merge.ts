/**
 * Keeps the author's formatting around in-place edits. The yaml library
 * re-renders a whole Document (it normalises `{a: 1}` to `{ a: 1 }`, for
 * instance), so an edited Document alone would rewrite lines that did not
 * change. Given the author's text A, the library's rendering of the untouched
 * Document B and of the edited one C, this is a three-way merge with B as the
 * base: lines the edit did not touch come from A, edited lines from C. Where
 * the two overlap, C wins (the edited lines take the normalised form).
 */
import { diffArrays } from 'diff';

interface Hunk {
  /** Lines [start, end) of the base are replaced by `lines`. */
  start: number;
  end: number;
  lines: string[];
  ours: boolean;
}

/** Hunks turning `base` into `other`; undefined when they differ by more than `maxEdits` lines. */
function hunks(base: string[], other: string[], ours: boolean, maxEdits: number): Hunk[] | undefined {
  const changes = diffArrays(base, other, { maxEditLength: maxEdits });
  if (!changes) return undefined;
  const out: Hunk[] = [];
  let pos = 0;
  let cur: Hunk | undefined;
  for (const c of changes) {
    if (c.added) {
      cur ??= { start: pos, end: pos, lines: [], ours };
      cur.lines.push(...c.value);
    } else if (c.removed) {
      cur ??= { start: pos, end: pos, lines: [], ours };
      pos += c.value.length;
      cur.end = pos;
    } else {
      if (cur) out.push(cur);
      cur = undefined;
      pos += c.value.length;
    }
  }
  if (cur) out.push(cur);
  return out;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return false;
}

/** The merged text, or undefined when the texts are too far apart to merge cheaply. */
export function mergeFormatting(authored: string, before: string, after: string, maxEdits = 5000): string | undefined {
  const eol = authored.includes('\r\n') ? '\r\n' : '\n';
  const A = authored.split(/\r?\n/);
  const B = before.split('\n');
  const C = after.split('\n');
  const ours = hunks(B, A, true, maxEdits);
  const theirs = ours && hunks(B, C, false, maxEdits);
  if (!ours || !theirs) return undefined;
  const all = [...ours, ...theirs].sort((x, y) => x.start - y.start || (x.end - x.start) - (y.end - y.start) || (x.ours ? -1 : 1));

  const out: string[] = [];
  let pos = 0;
  for (let i = 0; i < all.length; ) {
    const group = [all[i]!];
    const range = { start: all[i]!.start, end: all[i]!.end };
    i++;
    while (i < all.length && overlaps(all[i]!, range)) {
      group.push(all[i]!);
      range.end = Math.max(range.end, all[i]!.end);
      i++;
    }
    for (; pos < range.start; pos++) out.push(B[pos]!);
    if (group.length === 1) {
      out.push(...group[0]!.lines);
    } else {
      // A conflict: the edited (normalised) version of the whole range.
      const edits = group.filter((h) => !h.ours);
      let k = range.start;
      for (const h of edits) {
        for (; k < h.start; k++) out.push(B[k]!);
        out.push(...h.lines);
        k = Math.max(k, h.end);
      }
      for (; k < range.end; k++) out.push(B[k]!);
    }
    pos = Math.max(pos, range.end);
  }
  for (; pos < B.length; pos++) out.push(B[pos]!);
  return out.join(eol);
}
