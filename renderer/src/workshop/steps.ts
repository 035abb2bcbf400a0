/**
 * The stops of a workshop presentation: the whole system, then each bounded
 * context (framed on its nodes), then the viewports saved in the model.
 */
import type { Model } from '../../../shared/model/types';
import type { Recipe } from '../state/store';

export type Step =
  | { kind: 'all'; id: 'all'; title: string }
  | { kind: 'context'; id: string; title: string; nodes: string[] }
  | { kind: 'view'; id: string; title: string; viewport: { x: number; y: number; zoom: number } };

export function workshopSteps(model: Model): Step[] {
  const steps: Step[] = [{ kind: 'all', id: 'all', title: model.name }];
  const members = new Map<string, string[]>();
  for (const [id, n] of Object.entries(model.nodes)) {
    if (n.context) members.set(n.context, [...(members.get(n.context) ?? []), id]);
  }
  for (const [cid, ctx] of Object.entries(model.contexts ?? {})) {
    const nodes = members.get(cid);
    if (nodes?.length) steps.push({ kind: 'context', id: `ctx:${cid}`, title: ctx.name ?? cid, nodes });
  }
  for (const v of model.views ?? []) {
    steps.push({ kind: 'view', id: `view:${v.id}`, title: v.name, viewport: { x: v.x, y: v.y, zoom: v.zoom } });
  }
  return steps;
}

export function newViewId(model: Model): string {
  const taken = new Set((model.views ?? []).map((v) => v.id));
  for (let i = 1; ; i++) if (!taken.has(`view-${i}`)) return `view-${i}`;
}

export const addView =
  (id: string, name: string, viewport: { x: number; y: number; zoom: number }): Recipe =>
  (m) => {
    (m.views ??= []).push({
      id,
      name: name.slice(0, 200) || id,
      x: Math.round(viewport.x),
      y: Math.round(viewport.y),
      zoom: Math.round(viewport.zoom * 1000) / 1000,
    });
  };

export const deleteView =
  (id: string): Recipe =>
  (m) => {
    const i = m.views?.findIndex((v) => v.id === id) ?? -1;
    if (i >= 0) m.views!.splice(i, 1);
    if (m.views?.length === 0) delete m.views;
  };

/** Smallest on-screen size (px) of a node's name on a projector. */
export const MIN_LABEL_PX = 14;
const BASE_LABEL_PX = 13;
const MAX_LABEL_SCALE = 4;

/**
 * How much larger node labels must be drawn at this zoom to stay readable;
 * 1 when they already are. Beyond 1 the canvas switches to large labels.
 */
export function labelScale(zoom: number, minPx = MIN_LABEL_PX): number {
  if (!(zoom > 0)) return 1;
  const onScreen = BASE_LABEL_PX * zoom;
  if (onScreen >= minPx) return 1;
  return Math.min(MAX_LABEL_SCALE, minPx / onScreen);
}
