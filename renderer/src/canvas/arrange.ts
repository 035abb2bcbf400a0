/** Align and distribute selected nodes: pure functions from boxes to new positions. */
import type { Box } from './derive';

export type Alignment = 'left' | 'center' | 'right' | 'top' | 'middle' | 'bottom';

export function align(boxes: Map<string, Box>, how: Alignment): Record<string, { x: number; y: number }> {
  const list = [...boxes.entries()];
  if (list.length < 2) return {};
  const xs0 = Math.min(...list.map(([, b]) => b.x));
  const xs1 = Math.max(...list.map(([, b]) => b.x + b.width));
  const ys0 = Math.min(...list.map(([, b]) => b.y));
  const ys1 = Math.max(...list.map(([, b]) => b.y + b.height));
  const out: Record<string, { x: number; y: number }> = {};
  for (const [id, b] of list) {
    let { x, y } = b;
    if (how === 'left') x = xs0;
    else if (how === 'right') x = xs1 - b.width;
    else if (how === 'center') x = (xs0 + xs1) / 2 - b.width / 2;
    else if (how === 'top') y = ys0;
    else if (how === 'bottom') y = ys1 - b.height;
    else y = (ys0 + ys1) / 2 - b.height / 2;
    out[id] = { x, y };
  }
  return out;
}

/** Equal gaps between neighbours along one axis; the two outermost stay put. */
export function distribute(
  boxes: Map<string, Box>,
  axis: 'horizontal' | 'vertical',
): Record<string, { x: number; y: number }> {
  const list = [...boxes.entries()];
  if (list.length < 3) return {};
  const h = axis === 'horizontal';
  list.sort(([, a], [, b]) => (h ? a.x - b.x : a.y - b.y));
  const first = list[0]![1];
  const last = list[list.length - 1]![1];
  const span = h ? last.x + last.width - first.x : last.y + last.height - first.y;
  const sizes = list.reduce((s, [, b]) => s + (h ? b.width : b.height), 0);
  const gap = (span - sizes) / (list.length - 1);
  const out: Record<string, { x: number; y: number }> = {};
  let at = h ? first.x : first.y;
  for (const [id, b] of list) {
    out[id] = h ? { x: at, y: b.y } : { x: b.x, y: at };
    at += (h ? b.width : b.height) + gap;
  }
  return out;
}
