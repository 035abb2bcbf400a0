/**
 * The arithmetic of the zoomed-out canvas: when it takes over from the DOM
 * nodes, which flow rectangle is on screen, how a flow rectangle fits a small
 * panel (the minimap), and colour tints computed once instead of by CSS on
 * every node. Pure functions over plain numbers.
 */

export interface View {
  /** Screen offset of the flow origin (React Flow's transform[0], [1]). */
  x: number;
  y: number;
  zoom: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Below this zoom the nodes are drawn on one canvas and their DOM elements
 * are empty hit boxes. A 196 px node is then under 88 px wide: its subtitle,
 * badges and bar are too small to read, and with hundreds of nodes in view
 * Chromium's paint of their DOM costs more than a frame on every heat change.
 */
export const LOD_ZOOM = 0.45;

/** Node names are drawn on the canvas from this zoom up (a 20 px flow font is then 5 px or more). */
export const NAME_ZOOM = 0.25;

/**
 * Models up to this size keep their DOM nodes at every zoom: a few hundred
 * cost Chromium little, and small drawings keep what only the DOM has
 * (handles to connect, the workshop's large labels).
 */
export const LOD_MIN_NODES = 250;

export const isLowDetail = (zoom: number, nodes = Infinity): boolean => zoom < LOD_ZOOM && nodes > LOD_MIN_NODES;

/** The flow rectangle a `width` x `height` pane shows, grown by `margin` screen pixels on every side. */
export function visibleFlowRect(v: View, width: number, height: number, margin = 0): Rect {
  return {
    x: (-v.x - margin) / v.zoom,
    y: (-v.y - margin) / v.zoom,
    width: (width + 2 * margin) / v.zoom,
    height: (height + 2 * margin) / v.zoom,
  };
}

export function toScreen(v: View, p: { x: number; y: number }): { x: number; y: number } {
  return { x: p.x * v.zoom + v.x, y: p.y * v.zoom + v.y };
}

export function toFlow(v: View, p: { x: number; y: number }): { x: number; y: number } {
  return { x: (p.x - v.x) / v.zoom, y: (p.y - v.y) / v.zoom };
}

import { CONTEXT_PADDING, CONTEXT_TITLE_HEIGHT } from '../../../../shared/diagram';

/** Rectangles overlap; the smallest rectangle around all of them (null for none): the diagram's own geometry. */
export { intersects as overlaps, boundsOf } from '../../../../shared/diagram/geometry';

/** The view that shows `r` whole and centred in a `width` x `height` panel, `pad` pixels inside its edges. */
export function fitRect(r: Rect, width: number, height: number, pad = 0): View {
  const w = Math.max(1, width - 2 * pad);
  const h = Math.max(1, height - 2 * pad);
  const zoom = Math.min(w / Math.max(r.width, 1), h / Math.max(r.height, 1));
  return {
    zoom,
    x: (width - r.width * zoom) / 2 - r.x * zoom,
    y: (height - r.height * zoom) / 2 - r.y * zoom,
  };
}

/** Screen pixels to flow units at a zoom (a line `px` wide on screen whatever the zoom). */
export const px = (screen: number, zoom: number): number => screen / zoom;

/** The strip of a frame above its members (flow units): where its title is, never covered by a node. */
export const FRAME_TITLE_AREA = CONTEXT_PADDING + CONTEXT_TITLE_HEIGHT;

/** The least height on screen of a frame's title band zoomed out: a target a pointer can grab. */
export const TITLE_BAND_PX = 18;

/**
 * A frame's title band (flow units), by which it is selected and dragged:
 * the strip above its members while that is TITLE_BAND_PX on screen or
 * more; zoomed further out, a tab that keeps that height on screen by growing
 * up out of the frame, so it never lies under the frame's own nodes.
 */
export function titleBand(frame: Rect, zoom: number): Rect {
  const bottom = frame.y + Math.min(FRAME_TITLE_AREA, frame.height);
  const height = Math.max(bottom - frame.y, px(TITLE_BAND_PX, zoom));
  return { x: frame.x, y: bottom - height, width: frame.width, height };
}

/** `color` mixed with `base` like CSS color-mix(in srgb, color amount%, base): #rrggbb in, #rrggbb out. */
export function tint(color: string, amount: number, base = '#ffffff'): string {
  const a = rgb(color);
  const b = rgb(base);
  const mix = (i: number) => Math.round(a[i]! * amount + b[i]! * (1 - amount));
  return `#${[0, 1, 2].map((i) => mix(i).toString(16).padStart(2, '0')).join('')}`;
}

function rgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
