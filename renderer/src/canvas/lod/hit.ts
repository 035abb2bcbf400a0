/**
 * Hit tests on what the zoomed-out canvas draws: React Flow renders no link
 * elements there, so a click on the pane is matched against the links' routes
 * (the same smooth-step routes the painter strokes). Pure functions over
 * plain numbers; a click costs a bounding-box test per link and a route for
 * the few whose box holds the point.
 */
import { getSmoothStepPath, Position } from '@xyflow/react';
import type { Box, LinkFlowEdge } from '../derive';

type Point = { x: number; y: number };

const SIDE: Record<string, Position> = { t: Position.Top, r: Position.Right, b: Position.Bottom, l: Position.Left };

/** The point a link leaves or enters a box by (the middle of a side, where the handles are). */
export function sidePoint(b: Box, side: string): Point {
  switch (side) {
    case 't':
      return { x: b.x + b.width / 2, y: b.y };
    case 'b':
      return { x: b.x + b.width / 2, y: b.y + b.height };
    case 'l':
      return { x: b.x, y: b.y + b.height / 2 };
    default:
      return { x: b.x + b.width, y: b.y + b.height / 2 };
  }
}

/** The SVG path of a link between two boxes: the route React Flow draws at full detail. */
export function linkRoute(e: Pick<LinkFlowEdge, 'sourceHandle' | 'targetHandle'>, a: Box, b: Box): string {
  const sh = e.sourceHandle ?? 'r';
  const th = e.targetHandle ?? 'l';
  const s = sidePoint(a, sh);
  const t = sidePoint(b, th);
  const [d] = getSmoothStepPath({
    sourceX: s.x,
    sourceY: s.y,
    sourcePosition: SIDE[sh]!,
    targetX: t.x,
    targetY: t.y,
    targetPosition: SIDE[th]!,
    borderRadius: 8,
    offset: 16,
  });
  return d;
}

/**
 * The corner points of a smooth-step path (M, L and Q points in order). A
 * rounded corner's control point is the corner itself, so the points make the
 * orthogonal polyline the route rounds off: within a few flow units of it.
 */
export function routePoints(d: string): Point[] {
  const nums = d.match(/-?\d*\.?\d+(?:e[-+]?\d+)?/gi)?.map(Number) ?? [];
  const out: Point[] = [];
  for (let i = 0; i + 1 < nums.length; i += 2) out.push({ x: nums[i]!, y: nums[i + 1]! });
  return out;
}

/** Distance from a point to the segment a-b. */
export function segmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2)) : 0;
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Distance from a point to a polyline (Infinity for none). */
export function polylineDistance(p: Point, pts: readonly Point[]): number {
  if (pts.length === 1) return Math.hypot(p.x - pts[0]!.x, p.y - pts[0]!.y);
  let best = Infinity;
  for (let i = 1; i < pts.length; i++) best = Math.min(best, segmentDistance(p, pts[i - 1]!, pts[i]!));
  return best;
}

/**
 * The link nearest a flow point within `tolerance` flow units (the caller
 * turns screen pixels into flow units), or undefined. Routes reach at most
 * the smooth-step offset (16) beyond their ends' boxes: a box grown by that
 * and the tolerance skips the rest.
 */
export function linkAt(
  edges: readonly LinkFlowEdge[],
  boxes: ReadonlyMap<string, Box>,
  p: Point,
  tolerance: number,
): string | undefined {
  const grow = 24 + tolerance;
  let best: { id: string; d: number } | undefined;
  for (const e of edges) {
    const a = boxes.get(e.source);
    const b = boxes.get(e.target);
    if (!a || !b) continue;
    if (
      p.x < Math.min(a.x, b.x) - grow ||
      p.y < Math.min(a.y, b.y) - grow ||
      p.x > Math.max(a.x + a.width, b.x + b.width) + grow ||
      p.y > Math.max(a.y + a.height, b.y + b.height) + grow
    )
      continue;
    const d = polylineDistance(p, routePoints(linkRoute(e, a, b)));
    if (d <= tolerance && (!best || d < best.d)) best = { id: e.id, d };
  }
  return best?.id;
}
