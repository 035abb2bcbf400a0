import { describe, expect, it } from 'vitest';
import type { Model } from '../model';
import { resolveLinks } from '../model';
import { layoutModel } from './layout';
import { createBundledElk } from './node-elk';
import { LINK_SIDES } from './ports';
import { shop } from './test-fixtures';
import type { Box, Point } from './types';

/** The side of `box` that `p` lies on (within a pixel). */
function sideOf(box: Box, p: Point): string {
  if (Math.abs(p.x - (box.x + box.width)) <= 1) return 'east';
  if (Math.abs(p.x - box.x) <= 1) return 'west';
  if (Math.abs(p.y - box.y) <= 1) return 'north';
  if (Math.abs(p.y - (box.y + box.height)) <= 1) return 'south';
  return 'inside';
}

describe('link sides', () => {
  const elk = createBundledElk();
  // A loop back (shipping -> gateway) makes ELK route one link against the flow.
  const withLoop: Model = { ...shop, links: [...shop.links!, { from: 'shipping', to: 'gateway' }] };

  it('every route of a full layout leaves and enters on the sides the canvas draws', async () => {
    const layout = await layoutModel(withLoop, { elk });
    for (const link of resolveLinks(withLoop)) {
      const points = layout.edges[link.id]!.points;
      expect(sideOf(layout.nodes[link.from]!, points[0]!), link.id).toBe(LINK_SIDES.source);
      expect(sideOf(layout.nodes[link.to]!, points.at(-1)!), link.id).toBe(LINK_SIDES.target);
    }
  });

  it('so do the routes of a partial layout, also for a target behind its source', async () => {
    const full = await layoutModel(withLoop, { elk });
    const saved: Model = {
      ...withLoop,
      layout: Object.fromEntries(Object.entries(full.nodes).map(([id, b]) => [id, { x: b.x, y: b.y }])),
    };
    const layout = await layoutModel(saved, { elk, mode: { kind: 'place-new' } });
    const back = resolveLinks(saved).find((l) => l.from === 'shipping' && l.to === 'gateway')!;
    expect(layout.nodes.gateway!.x).toBeLessThan(layout.nodes.shipping!.x);
    for (const link of resolveLinks(saved)) {
      const points = layout.edges[link.id]!.points;
      expect(sideOf(layout.nodes[link.from]!, points[0]!), link.id).toBe(LINK_SIDES.source);
      expect(sideOf(layout.nodes[link.to]!, points.at(-1)!), link.id).toBe(LINK_SIDES.target);
    }
    expect(layout.edges[back.id]!.points.length).toBeGreaterThan(2);
  });
});
