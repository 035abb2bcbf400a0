/**
 * Auto-layout actions: layout all, layout selection, place new nodes. The
 * layout runs in a Web Worker (renderer/layout); the result lands in the
 * model as one undo step and the drawing eases into it.
 */
import type { DiagramLayout, LayoutMode } from '../../../shared/diagram/types';
import type { Model } from '../../../shared/model/types';
import { moveNodes } from '../state/commands';
import { studio } from '../state/store';
import { animateFrom } from './animation';
import type { Box } from './derive';

export type LayoutRunner = (model: Model, mode: LayoutMode) => Promise<DiagramLayout>;

let runner: LayoutRunner | null = null;
/** Set once at start-up (layout-runner.ts) so this module does not pull in the worker. */
export function setLayoutRunner(r: LayoutRunner): void {
  runner = r;
}

/**
 * Positions land a slice per frame, so no single task re-renders hundreds of
 * moved nodes and their edges at once (the main thread keeps answering). The
 * slices share one undo step.
 */
const SLICE = 120;
let layoutSeq = 0;

async function applyInSlices(
  positions: Record<string, { x: number; y: number }>,
  options: { label: string; record: boolean | undefined; coalesce: string },
): Promise<void> {
  const entries = Object.entries(positions);
  for (let i = 0; i < entries.length; i += SLICE) {
    if (i > 0) await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    studio.edit(moveNodes(Object.fromEntries(entries.slice(i, i + SLICE))), options);
  }
}

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
  options: { record?: boolean } = {},
): Promise<LayoutOutcome> {
  const t0 = performance.now();
  if (!runner) throw new Error('auto-layout is not available');
  const model = studio.model;
  const result = await runner(model, mode);
  // The model may have changed while the worker ran: apply only to nodes that still exist.
  const latest = studio.model;
  const positions: Record<string, { x: number; y: number }> = {};
  const to = new Map<string, { x: number; y: number }>();
  const from = new Map<string, { x: number; y: number }>();
  for (const [id, b] of Object.entries(result.nodes)) {
    if (!(id in latest.nodes)) continue;
    if (mode.kind === 'selection' && !mode.ids.includes(id)) continue;
    if (mode.kind === 'place-new' && latest.layout?.[id]) continue;
    const p = { x: Math.round(b.x), y: Math.round(b.y) };
    positions[id] = p;
    to.set(id, p);
    const cur = currentBoxes.get(id);
    if (cur) from.set(id, { x: cur.x, y: cur.y });
  }
  await applyInSlices(positions, {
    label: LABELS[mode.kind],
    record: options.record,
    coalesce: `layout:${++layoutSeq}`,
  });
  studio.seal();
  const ms = performance.now() - t0;
  await animateFrom(from, to);
  return { moved: to.size, ms };
}
