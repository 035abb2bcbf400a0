/**
 * Auto-layout actions: layout all, layout selection, place new nodes. The
 * layout runs in a Web Worker (renderer/layout); the result lands in the
 * model as one undo step and the drawing eases into it.
 */
import type { DiagramLayout, LayoutMode } from '../../../shared/diagram/types';
import type { Model } from '../../../shared/model/types';
import { moveNodes } from '../state/commands';
import { studio } from '../state/store';
import { holdAt, movesToAnimate, release, visibleMoves } from './animation';
import type { Box } from './derive';

/** Lays a model out; only the boxes are read (routes are drawn by the canvas). */
export type LayoutRunner = (model: Model, mode: LayoutMode) => Promise<Pick<DiagramLayout, 'nodes'>>;

let runner: LayoutRunner | null = null;
/** Set once at start-up (layout-runner.ts) so this module does not pull in the worker. */
export function setLayoutRunner(r: LayoutRunner): void {
  runner = r;
}

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

export interface LayoutOutcome {
  moved: number;
  ms: number;
}

const LABELS: Record<LayoutMode['kind'], string> = {
  all: 'Auto-layout',
  selection: 'Layout selection',
  'place-new': 'Place new nodes',
};

export async function runLayout(
  mode: LayoutMode,
  currentBoxes: Map<string, Box>,
  options: { record?: boolean; view?: Box | undefined } = {},
): Promise<LayoutOutcome> {
  const t0 = performance.now();
  if (!runner) throw new Error('auto-layout is not available');
  const model = studio.model;
  const result = await runner(model, mode);
  // The model may have changed while the worker ran: apply only to nodes that still exist.
  const latest = studio.model;
  const positions: Record<string, { x: number; y: number }> = {};
  const to = new Map<string, { x: number; y: number }>();
  for (const [id, b] of Object.entries(result.nodes)) {
    if (!(id in latest.nodes)) continue;
    if (mode.kind === 'selection' && !mode.ids.includes(id)) continue;
    if (mode.kind === 'place-new' && latest.layout?.[id]) continue;
    const p = { x: Math.round(b.x), y: Math.round(b.y) };
    positions[id] = p;
    to.set(id, p);
  }
  // The model takes every position in one edit (one undo step; the model's
  // followers react once), while the drawing holds still; then the moves in
  // view ease and the others land a chunk per frame, so no task re-renders
  // hundreds of nodes and their edges at once.
  const from = new Map<string, { x: number; y: number }>();
  for (const id of to.keys()) {
    const b = currentBoxes.get(id);
    if (b) from.set(id, { x: b.x, y: b.y });
  }
  const eased = movesToAnimate(currentBoxes, to, options.view);
  await nextFrame(); // out of the task that brought the worker's answer
  holdAt(from);
  await nextFrame();
  try {
    studio.edit(moveNodes(positions), { label: LABELS[mode.kind], record: options.record });
  } catch (error) {
    holdAt(new Map());
    throw error;
  }
  const ms = performance.now() - t0;
  await nextFrame();
  await release(eased, to, visibleMoves(currentBoxes, to, options.view));
  return { moved: to.size, ms };
}
