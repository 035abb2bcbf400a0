/**
 * The smallest edits that turn one text into another, for dispatching a
 * canvas-side change into the code editor: common prefix and suffix are cut,
 * then the middle is diffed by lines (Myers), so two distant edits stay two
 * small changes and a cursor between them does not move.
 */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/** Above this many differing lines, one replacement of the middle is good enough. */
const MAX_LINE_DIFF = 4000;

export function textChanges(a: string, b: string): TextChange[] {
  if (a === b) return [];
  const min = Math.min(a.length, b.length);
  let start = 0;
  while (start < min && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  // Widen to whole lines so the line diff compares lines, not fragments.
  const lineStart = start === 0 ? 0 : a.lastIndexOf('\n', start - 1) + 1;
  const tailA = a.indexOf('\n', endA);
  const tailB = b.indexOf('\n', endB);
  const lineEndA = tailA < 0 ? a.length : tailA;
  const lineEndB = tailB < 0 ? b.length : tailB;
  const midA = a.slice(lineStart, lineEndA);
  const midB = b.slice(lineStart, lineEndB);
  const linesA = midA.split('\n');
  const linesB = midB.split('\n');
  if (linesA.length + linesB.length > MAX_LINE_DIFF || (linesA.length === 1 && linesB.length === 1)) {
    return [{ from: start, to: endA, insert: b.slice(start, endB) }];
  }
  const posA: number[] = [];
  let p = 0;
  for (const l of linesA) {
    posA.push(p);
    p += l.length + 1;
  }
  const n = linesA.length;
  const out: TextChange[] = [];
  for (const op of lineDiff(linesA, linesB)) {
    const inserted = linesB.slice(op.b0, op.b1);
    let from: number;
    let to: number;
    let insert: string;
    if (op.a1 < n) {
      from = posA[op.a0]!;
      to = posA[op.a1]!;
      insert = inserted.map((l) => l + '\n').join('');
    } else if (op.a0 < n) {
      from = posA[op.a0]!;
      to = midA.length;
      insert = inserted.join('\n');
      if (inserted.length === 0 && from > 0) from--;
    } else {
      from = to = midA.length;
      insert = '\n' + inserted.join('\n');
    }
    out.push(trim(a, lineStart + from, lineStart + to, insert));
  }
  return out.filter((c) => c.from !== c.to || c.insert !== '');
}

/** Cuts what the replaced text and its replacement share at either end. */
function trim(a: string, from: number, to: number, insert: string): TextChange {
  const old = a.slice(from, to);
  let p = 0;
  const m = Math.min(old.length, insert.length);
  while (p < m && old.charCodeAt(p) === insert.charCodeAt(p)) p++;
  let s = 0;
  while (s < m - p && old.charCodeAt(old.length - 1 - s) === insert.charCodeAt(insert.length - 1 - s)) s++;
  return { from: from + p, to: to - s, insert: insert.slice(p, insert.length - s) };
}

interface LineOp {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

/** Myers' O(ND) diff over lines; returns the replaced blocks in order. */
function lineDiff(a: string[], b: string[]): LineOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1]! < v[max + k + 1]!) ? v[max + k + 1]! : v[max + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back to collect the edit script as (x, y) moves.
  const moves: { x: number; y: number; kind: 'eq' | 'del' | 'ins' }[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[max + k - 1]! < vd[max + k + 1]!) ? k + 1 : k - 1;
    const prevX = vd[max + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      moves.push({ x: --x, y: --y, kind: 'eq' });
    }
    if (x === prevX) moves.push({ x, y: --y, kind: 'ins' });
    else moves.push({ x: --x, y, kind: 'del' });
  }
  while (x > 0 && y > 0) moves.push({ x: --x, y: --y, kind: 'eq' });
  moves.reverse();
  const ops: LineOp[] = [];
  let ai = 0;
  let bi = 0;
  let i = 0;
  while (i < moves.length) {
    if (moves[i]!.kind === 'eq') {
      ai++;
      bi++;
      i++;
      continue;
    }
    const a0 = ai;
    const b0 = bi;
    while (i < moves.length && moves[i]!.kind !== 'eq') {
      if (moves[i]!.kind === 'del') ai++;
      else bi++;
      i++;
    }
    ops.push({ a0, a1: ai, b0, b1: bi });
  }
  return ops;
}
