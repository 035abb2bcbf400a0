/** Geometry for partial layouts: free-space search, context frames and simple routes. Pure. */
import type { Context } from '../model';
import { CONTEXT_PADDING, contextHeaderHeight } from './elk-graph';
import type { Box, Point } from './types';

/** Gap kept between a placed node and anything already on the canvas. */
export const PLACEMENT_GAP = 32;
const CELL = 256;

/** A uniform-grid index of boxes, for overlap queries on thousands of nodes. */
export class BoxIndex {
  private readonly cells = new Map<string, Box[]>();

  constructor(boxes: Iterable<Box> = []) {
    for (const b of boxes) this.add(b);
  }

  add(b: Box): void {
    for (const key of cellKeys(b)) {
      const list = this.cells.get(key);
      if (list) list.push(b);
      else this.cells.set(key, [b]);
    }
  }

  overlaps(b: Box, gap: number): boolean {
    return this.overlapsExcept(b, gap, []);
  }

  /** Like overlaps, ignoring the given boxes (by identity). */
  overlapsExcept(b: Box, gap: number, ignore: Box[]): boolean {
    const grown = { x: b.x - gap, y: b.y - gap, width: b.width + 2 * gap, height: b.height + 2 * gap };
    for (const key of cellKeys(grown)) {
      for (const o of this.cells.get(key) ?? []) if (!ignore.includes(o) && intersects(grown, o)) return true;
    }
    return false;
  }
}

function cellKeys(b: Box): string[] {
  const keys: string[] = [];
  const x0 = Math.floor(b.x / CELL);
  const x1 = Math.floor((b.x + b.width) / CELL);
  const y0 = Math.floor(b.y / CELL);
  const y1 = Math.floor((b.y + b.height) / CELL);
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) keys.push(`${x},${y}`);
  return keys;
}

export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export function translate(b: Box, d: Point): Box {
  return { x: b.x + d.x, y: b.y + d.y, width: b.width, height: b.height };
}

export function boundsOf(boxes: Iterable<Box>): Box | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width);
    y1 = Math.max(y1, b.y + b.height);
  }
  return x0 === Infinity ? null : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * The smallest shift (searched on square rings of growing distance, right
 * and down first on ties) for which `fits` holds. Deterministic.
 */
export function freeShift(fits: (shift: Point) => boolean, step = 24): Point {
  if (fits({ x: 0, y: 0 })) return { x: 0, y: 0 };
  for (let ring = 1; ring <= 400; ring++) {
    const candidates: Point[] = [];
    for (let i = -ring; i <= ring; i++) {
      candidates.push({ x: ring * step, y: i * step }, { x: i * step, y: ring * step });
      candidates.push({ x: -ring * step, y: i * step }, { x: i * step, y: -ring * step });
    }
    candidates.sort((a, b) => Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y) || b.x - a.x || b.y - a.y);
    for (const d of candidates) if (fits(d)) return d;
  }
  // Nothing nearby is free (a very crowded canvas): go below everything.
  return { x: 0, y: 400 * step };
}

/** A context frame around its nodes, with room for the title on top (same padding ELK uses). */
export function frameAround(members: Box[], context?: Context): Box | null {
  const b = boundsOf(members);
  if (!b) return null;
  const top = contextHeaderHeight(context);
  return {
    x: b.x - CONTEXT_PADDING,
    y: b.y - top,
    width: b.width + 2 * CONTEXT_PADDING,
    height: b.height + top + CONTEXT_PADDING,
  };
}

/**
 * Orthogonal routes from the east side of a node to the west side of another,
 * for links ELK did not route (partial layouts keep positions ELK never saw).
 * The vertical run goes where it crosses no other node and no vertical run
 * of an earlier route, searched outwards from the middle of the gap.
 */
export class ElbowRouter {
  private readonly nodes: BoxIndex;
  private readonly runs: { x: number; y0: number; y1: number }[] = [];

  constructor(boxes: Iterable<Box>) {
    this.nodes = new BoxIndex(boxes);
  }

  /** `sy`/`ty`: where the route leaves and enters (default: the middle of the side). */
  route(from: Box, to: Box, sy = Math.round(from.y + from.height / 2), ty = Math.round(to.y + to.height / 2)): Point[] {
    const sx = from.x + from.width;
    const tx = to.x;
    if (tx - sx >= 24) {
      if (sy === ty) return [{ x: sx, y: sy }, { x: tx, y: ty }];
      const mid = Math.round((sx + tx) / 2);
      let best = mid;
      for (let k = 0; k <= (tx - sx - 24) / 12; k++) {
        const x = mid + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * 12;
        if (x <= sx + 8 || x >= tx - 8) continue;
        if (this.clear([{ x: sx, y: sy }, { x, y: sy }, { x, y: ty }, { x: tx, y: ty }], from, to)) {
          best = x;
          break;
        }
      }
      this.runs.push({ x: best, y0: Math.min(sy, ty), y1: Math.max(sy, ty) });
      return [{ x: sx, y: sy }, { x: best, y: sy }, { x: best, y: ty }, { x: tx, y: ty }];
    }
    // Target behind the source: leave east, run between (or below) the two boxes, enter from the west.
    const between =
      to.y >= from.y + from.height + 16
        ? Math.round((from.y + from.height + to.y) / 2)
        : from.y >= to.y + to.height + 16
          ? Math.round((to.y + to.height + from.y) / 2)
          : Math.max(from.y + from.height, to.y + to.height) + 24;
    return [
      { x: sx, y: sy },
      { x: sx + 16, y: sy },
      { x: sx + 16, y: between },
      { x: tx - 16, y: between },
      { x: tx - 16, y: ty },
      { x: tx, y: ty },
    ];
  }

  /** No segment crosses a node other than the two ends, and no vertical run lies on an earlier one. */
  private clear(points: Point[], from: Box, to: Box): boolean {
    for (let i = 1; i < points.length; i++) {
      const p = points[i - 1]!;
      const q = points[i]!;
      const seg = { x: Math.min(p.x, q.x), y: Math.min(p.y, q.y), width: Math.abs(q.x - p.x), height: Math.abs(q.y - p.y) };
      if (this.nodes.overlapsExcept(seg, 6, [from, to])) return false;
      if (p.x === q.x) {
        const y0 = seg.y;
        const y1 = seg.y + seg.height;
        if (this.runs.some((r) => Math.abs(r.x - p.x) < 6 && r.y0 < y1 && y0 < r.y1)) return false;
      }
    }
    return true;
  }
}
