import { describe, expect, it } from 'vitest';
import type { Model } from '../model';
import { resolveLinks } from '../model';
import { generateModel } from '../testing/generate-model';
import { fromElkResult, NODE_SIZE, toElkGraph } from './elk-graph';
import { intersects } from './geometry';
import { layoutInput, layoutModel } from './layout';
import { createBundledElk } from './node-elk';
import type { Box, DiagramLayout, Point } from './types';
import { shop } from './test-fixtures';

const elk = createBundledElk();


function noOverlaps(boxes: Record<string, Box>): void {
  const list = Object.entries(boxes);
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      expect(intersects(list[i]![1], list[j]![1]), `${list[i]![0]} overlaps ${list[j]![0]}`).toBe(false);
    }
  }
}

const contains = (outer: Box, inner: Box) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

const onBorder = (p: Point, b: Box) =>
  (Math.abs(p.x - b.x) < 2 || Math.abs(p.x - b.x - b.width) < 2) && p.y >= b.y - 1 && p.y <= b.y + b.height + 1;

function checkWhole(model: Model, layout: DiagramLayout): void {
  for (const [id, node] of Object.entries(model.nodes)) {
    const box = layout.nodes[id];
    expect(box, id).toBeDefined();
    expect(box!.width).toBe(NODE_SIZE[node.kind].width);
    if (node.context) expect(contains(layout.contexts[node.context]!, box!), `${id} inside ${node.context}`).toBe(true);
  }
  noOverlaps(layout.nodes);
  for (const link of resolveLinks(model)) {
    const pts = layout.edges[link.id]?.points ?? [];
    expect(pts.length, link.id).toBeGreaterThanOrEqual(2);
    expect(onBorder(pts[0]!, layout.nodes[link.from]!), `${link.id} starts on ${link.from}`).toBe(true);
    expect(onBorder(pts.at(-1)!, layout.nodes[link.to]!), `${link.id} ends on ${link.to}`).toBe(true);
  }
  for (const b of [...Object.values(layout.nodes), ...Object.values(layout.contexts)]) {
    expect(b.x + b.width).toBeLessThanOrEqual(layout.width + 0.5);
    expect(b.y + b.height).toBeLessThanOrEqual(layout.height + 0.5);
  }
}

describe('toElkGraph', () => {
  it('makes contexts compound nodes, sizes nodes by kind and puts ports on the flow sides', () => {
    const g = toElkGraph(shop);
    expect(g.layoutOptions?.['elk.hierarchyHandling']).toBe('INCLUDE_CHILDREN');
    expect(g.layoutOptions?.['elk.algorithm']).toBe('layered');
    const ids = g.children!.map((c) => c.id);
    expect(ids).toEqual(['n/shoppers', 'n/gateway', 'n/shipping', 'c/storefront', 'c/ordering']);
    const ordering = g.children!.find((c) => c.id === 'c/ordering')!;
    expect(ordering.children!.map((c) => c.id)).toEqual(['n/orders', 'n/orders-db', 'n/order-events']);
    // Both orders->orders-db links are kept apart, inside their context.
    expect(ordering.edges!.map((e) => e.id)).toEqual(['e/orders->orders-db', 'e/orders->orders-db#2', 'e/orders->order-events']);
    const orders = ordering.children![0]!;
    expect(orders.width).toBe(NODE_SIZE.service.width);
    const sides = Object.fromEntries(orders.ports!.map((p) => [p.id, p.layoutOptions?.['elk.port.side']]));
    expect(sides['p/gateway->orders/t']).toBe('WEST');
    expect(sides['p/orders->order-events/s']).toBe('EAST');
    expect(g.edges!.map((e) => e.id)).toContain('e/gateway->orders');
  });

  it('restricts to `only` and keeps ids of nodes and contexts apart', () => {
    const model: Model = { ...shop, contexts: { ...shop.contexts, web: { name: 'Web' } } };
    const g = toElkGraph(model, { only: ['web', 'catalog', 'orders'] });
    const all = JSON.stringify(g);
    expect(all).not.toContain('catalog-db');
    expect(all).not.toContain('c/web'); // the context "web" has no member here
    expect(g.edges).toEqual([]);
    expect(g.children!.find((c) => c.id === 'c/storefront')!.edges!.map((e) => e.id)).toEqual(['e/web->catalog']);
  });
});

describe('fromElkResult', () => {
  it('adds up parent and container offsets when ELK answers in relative coordinates', () => {
    const layout = fromElkResult({
      id: 'root',
      width: 500,
      height: 300,
      children: [
        { id: 'n/a', x: 10, y: 20, width: 100, height: 50 },
        {
          id: 'c/ctx',
          x: 200,
          y: 100,
          width: 250,
          height: 150,
          children: [{ id: 'n/b', x: 20, y: 40, width: 100, height: 50 }],
          edges: [
            // Inside the context: relative to it.
            { id: 'e/b->b2', sources: [], targets: [], sections: [{ id: 's', startPoint: { x: 120, y: 65 }, endPoint: { x: 140, y: 65 } }] },
          ],
        },
      ],
      edges: [
        {
          id: 'e/a->b',
          sources: ['n/a'],
          targets: ['n/b'],
          sections: [{ id: 's1', startPoint: { x: 110, y: 45 }, bendPoints: [{ x: 150, y: 45 }, { x: 150, y: 165 }], endPoint: { x: 220, y: 165 } }],
        },
      ],
    });
    expect(layout.nodes.b).toEqual({ x: 220, y: 140, width: 100, height: 50 });
    expect(layout.contexts.ctx).toEqual({ x: 200, y: 100, width: 250, height: 150 });
    expect(layout.edges['a->b']!.points).toEqual([
      { x: 110, y: 45 },
      { x: 150, y: 45 },
      { x: 150, y: 165 },
      { x: 220, y: 165 },
    ]);
    expect(layout.edges['b->b2']!.points).toEqual([
      { x: 320, y: 165 },
      { x: 340, y: 165 },
    ]);
  });
});

describe('layoutModel', () => {
  it('lays out everything: contexts around their nodes, no overlaps, routes from border to border', async () => {
    const layout = await layoutModel(shop, { elk });
    checkWhole(shop, layout);
    // Left to right: the client comes before the gateway, the gateway before the services.
    expect(layout.nodes.shoppers!.x).toBeLessThan(layout.nodes.gateway!.x);
    expect(layout.nodes.gateway!.x).toBeLessThan(layout.nodes.orders!.x);
  });

  it('is deterministic, and needs only the layout input', async () => {
    const model = generateModel({ nodes: 60, links: 80, seed: 3 });
    const a = await layoutModel(model, { elk });
    const b = await layoutModel(layoutInput(model), { elk: createBundledElk() });
    expect(b).toEqual(a);
    expect(JSON.stringify(layoutInput(model)).length).toBeLessThan(JSON.stringify(model).length / 3);
    checkWhole(model, a);
  });

  it('places new nodes and keeps every existing position exactly', async () => {
    const first = await layoutModel(shop, { elk });
    const layoutPositions = Object.fromEntries(
      Object.entries(first.nodes).map(([id, b]) => [id, { x: b.x + 1000, y: b.y - 500 }]),
    );
    const model: Model = {
      ...shop,
      nodes: { ...shop.nodes, payments: { kind: 'service', context: 'ordering' }, 'payments-db': { kind: 'database' }, lonely: { kind: 'cache' } },
      links: [...shop.links!, { from: 'orders', to: 'payments' }, { from: 'payments', to: 'payments-db' }],
      layout: layoutPositions,
    };
    const layout = await layoutModel(model, { elk, mode: { kind: 'place-new' } });
    for (const [id, p] of Object.entries(layoutPositions)) {
      expect({ x: layout.nodes[id]!.x, y: layout.nodes[id]!.y }, id).toEqual(p);
    }
    noOverlaps(layout.nodes);
    // The new service lands to the right of the node that calls it, near it.
    expect(layout.nodes.payments!.x).toBeGreaterThan(layout.nodes.orders!.x);
    expect(Math.abs(layout.nodes.payments!.y - layout.nodes.orders!.y)).toBeLessThan(400);
    expect(contains(layout.contexts.ordering!, layout.nodes.payments!)).toBe(true);
    for (const link of resolveLinks(model)) expect(layout.edges[link.id]!.points.length).toBeGreaterThanOrEqual(2);
  });

  it('moves only the selection', async () => {
    const model = generateModel({ nodes: 40, links: 50, seed: 9 });
    const first = await layoutModel(model, { elk });
    // Scatter the positions, then tidy a few nodes.
    model.layout = Object.fromEntries(Object.entries(first.nodes).map(([id, b], i) => [id, { x: b.x + (i % 3) * 7, y: b.y }]));
    const ids = Object.keys(model.nodes);
    const selected = ids.slice(10, 16);
    const layout = await layoutModel(model, { elk, mode: { kind: 'selection', ids: selected } });
    for (const id of ids) {
      if (selected.includes(id)) continue;
      expect({ x: layout.nodes[id]!.x, y: layout.nodes[id]!.y }, id).toEqual(model.layout[id]);
    }
    expect(selected.some((id) => layout.nodes[id]!.x !== model.layout![id]!.x || layout.nodes[id]!.y !== model.layout![id]!.y)).toBe(true);
    noOverlaps(layout.nodes);
  });

  it('keeps everything when every node has a position and nothing is selected', async () => {
    const model: Model = { ...shop, layout: Object.fromEntries(Object.keys(shop.nodes).map((id, i) => [id, { x: i * 300, y: 0 }])) };
    const layout = await layoutModel(model, { elk, mode: { kind: 'place-new' } });
    expect(layout.nodes.shipping).toEqual({ x: 8 * 300, y: 0, ...NODE_SIZE.worker });
    // Two links leave the gateway: their routes start apart on its east side.
    const a = layout.edges['gateway->web']!.points[0]!;
    const b = layout.edges['gateway->orders']!.points[0]!;
    expect(a.x).toBe(300 + NODE_SIZE.gateway.width);
    expect(b.x).toBe(300 + NODE_SIZE.gateway.width);
    expect(a.y).toBeGreaterThan(0);
    expect(b.y).toBeLessThan(NODE_SIZE.gateway.height);
    expect(a.y).not.toBe(b.y);
    expect(layout.edges['gateway->orders']!.points.at(-1)).toEqual({ x: 5 * 300, y: NODE_SIZE.service.height / 2 });
  });
});
