/** Plain-data shapes of a laid-out diagram, shared by the canvas, the SVG renderer and the exporters. */

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Box extends Point, Size {}

/** Absolute coordinates (top-left origin), in the same units as `model.layout`. */
export interface DiagramLayout {
  nodes: Record<string, Box>;
  contexts: Record<string, Box>;
  /** Route points from the source's border to the target's border, and where its label sits, by link id. */
  edges: Record<string, { points: Point[]; label?: Box }>;
  width: number;
  height: number;
}

/**
 * - `all`: every node is placed afresh.
 * - `selection`: only the listed nodes move; every other node keeps its `model.layout` position.
 * - `place-new`: nodes without a position in `model.layout` are placed; every existing position is kept exactly.
 */
export type LayoutMode = { kind: 'all' } | { kind: 'selection'; ids: string[] } | { kind: 'place-new' };
