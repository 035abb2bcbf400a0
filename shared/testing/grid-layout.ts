/** Saved positions for generated models, for tests and benchmarks of the studio. */
import type { Model } from '../model/types';

/** Positions as a saved model has them: contexts in blocks on a grid (a layout the studio did earlier). */
export function withGridLayout(model: Model): Model {
  const layout: NonNullable<Model['layout']> = {};
  const byContext = new Map<string, string[]>();
  for (const [id, n] of Object.entries(model.nodes))
    byContext.set(n.context ?? '', [...(byContext.get(n.context ?? '') ?? []), id]);
  const perRow = Math.ceil(Math.sqrt(byContext.size));
  let i = 0;
  for (const ids of byContext.values()) {
    const bx = (i % perRow) * 760;
    const by = Math.floor(i / perRow) * 520;
    ids.forEach((id, k) => (layout[id] = { x: bx + (k % 3) * 230, y: by + Math.floor(k / 3) * 100 }));
    i++;
  }
  return { ...model, layout };
}
