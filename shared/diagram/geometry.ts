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
    const grown = { x: b.x - gap, y: b.y - gap, width: b.width + 2 * gap, height: b.height + 2 * gap };
    for (const key of cellKeys(grown)) {
      for (const o of this.cells.get(key) ?? []) if (intersects(grown, o)) return true;
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
 * An orthogonal route from the east side of `from` to the west side of `to`,
 * for links ELK did not route (partial layouts keep positions ELK never saw).
 */
export function elbowRoute(from: Box, to: Box): Point[] {
  const sy = from.y + from.height / 2;
  const ty = to.y + to.height / 2;
  const sx = from.x + from.width;
  const tx = to.x;
  if (tx - sx >= 24) {
    const mx = Math.round((sx + tx) / 2);
    return sy === ty
      ? [{ x: sx, y: sy }, { x: tx, y: ty }]
      : [{ x: sx, y: sy }, { x: mx, y: sy }, { x: mx, y: ty }, { x: tx, y: ty }];
  }
  // Target behind the source: leave east, run between (or below) the two boxes, enter from the west.
  const gapTop = Math.max(from.y + from.height, to.y + to.height);
  const between =
    to.y >= from.y + from.height + 16
      ? (from.y + from.height + to.y) / 2
      : from.y >= to.y + to.height + 16
        ? (to.y + to.height + from.y) / 2
        : gapTop + 24;
  return [
    { x: sx, y: sy },
    { x: sx + 16, y: sy },
    { x: sx + 16, y: between },
    { x: tx - 16, y: between },
    { x: tx - 16, y: ty },
    { x: tx, y: ty },
  ];
}
