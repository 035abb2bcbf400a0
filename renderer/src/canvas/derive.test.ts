import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateModel } from '../../../shared/testing/generate-model';
import type { Model } from '../../../shared/model/types';
import { FlowDeriver, frameId } from './derive';

const model = (): Model => ({
  keel: 1,
  name: 'Shop',
  contexts: { ordering: { name: 'Ordering' }, empty: {} },
  nodes: {
    web: { kind: 'client', rps: 10 },
    orders: { kind: 'service', context: 'ordering', tech: 'Go' },
    db: { kind: 'database', context: 'ordering', engine: 'postgres' },
    events: { kind: 'topic' },
  },
  links: [
    { from: 'web', to: 'orders', protocol: 'https' },
    { from: 'orders', to: 'db', calls: 2 },
    { from: 'orders', to: 'events', message: 'OrderPlaced' },
    { from: 'events', to: 'db' },
  ],
  layout: { web: { x: 0, y: 0 }, orders: { x: 300, y: 0 }, db: { x: 600, y: 0 }, events: { x: 600, y: 200 } },
});

describe('FlowDeriver', () => {
  it('derives nodes with known sizes and handles, frames around context members and edges by link mode', () => {
    const d = new FlowDeriver().derive({ model: model(), selection: new Set(['orders']) });
    const orders = d.nodes.find((n) => n.id === 'orders')!;
    expect(orders).toMatchObject({
      type: 'kind',
      position: { x: 300, y: 0 },
      selected: true,
      data: { subtitle: 'Go' },
    });
    expect(orders.width).toBeGreaterThan(0);
    expect(orders.measured).toEqual({ width: orders.width, height: orders.height });
    expect(orders.handles).toHaveLength(4);

    const frame = d.nodes.find((n) => n.id === frameId('ordering'))!;
    const db = d.boxes.get('db')!;
    expect(frame.position.x).toBeLessThan(300);
    expect(frame.position.x + frame.width!).toBeGreaterThan(db.x + db.width);
    // An empty context still gets a frame to drop nodes into.
    expect(d.frames.has('empty')).toBe(true);

    const modes = Object.fromEntries(d.edges.map((e) => [e.id, e.data!.mode]));
    expect(modes).toEqual({
      'web->orders': 'sync',
      'orders->db': 'sync',
      'orders->events': 'publish',
      'events->db': 'consume',
    });
    expect(d.edges.find((e) => e.id === 'orders->db')!.data!.label).toBe('×2');
    expect(d.edges.find((e) => e.id === 'web->orders')).toMatchObject({ sourceHandle: 'r', targetHandle: 'l' });
  });

  it('reuses the derived objects of everything a change did not touch', () => {
    const deriver = new FlowDeriver();
    const m1 = model();
    const a = deriver.derive({ model: m1, selection: new Set() });
    const m2: Model = { ...m1, layout: { ...m1.layout, events: { x: 640, y: 240 } } };
    const b = deriver.derive({ model: m2, selection: new Set() });
    const byId = (list: typeof a.nodes, id: string) => list.find((n) => n.id === id);
    expect(byId(b.nodes, 'web')).toBe(byId(a.nodes, 'web'));
    expect(byId(b.nodes, 'events')).not.toBe(byId(a.nodes, 'events'));
    expect(byId(b.nodes, 'events')!.data).toBe(byId(a.nodes, 'events')!.data);
    // Edges follow their nodes inside React Flow: moving a node rebuilds nothing while the sides stay.
    expect(b.edges).toBe(a.edges);
    const m3: Model = { ...m2, layout: { ...m2.layout, events: { x: 1200, y: 0 } } };
    const c = deriver.derive({ model: m3, selection: new Set() });
    // A link leaves east and enters west wherever its ends are, as in the layout and the SVG.
    expect(c.edges.find((e) => e.id === 'events->db')).toMatchObject({ sourceHandle: 'r', targetHandle: 'l' });
    expect(c.edges.find((e) => e.id === 'web->orders')).toBe(a.edges.find((e) => e.id === 'web->orders'));
    expect(byId(c.nodes, 'ctx:ordering')).toBe(byId(a.nodes, 'ctx:ordering'));
  });

  it('places nodes without a position below the drawing instead of on top of it', () => {
    const m = model();
    m.nodes.extra = { kind: 'cache' };
    const d = new FlowDeriver().derive({ model: m, selection: new Set() });
    expect(d.boxes.get('extra')!.y).toBeGreaterThan(200);
  });
});

describe('FlowDeriver, incremental', () => {
  const big = () => {
    const m = generateModel({ nodes: 300, links: 450, seed: 3 });
    const ids = Object.keys(m.nodes);
    m.layout = Object.fromEntries(ids.map((id, i) => [id, { x: (i % 20) * 240, y: Math.floor(i / 20) * 120 }]));
    return m;
  };

  it('a drag frame (view-only positions) re-checks the dragged nodes only and matches a fresh derivation', () => {
    const m = big();
    const deriver = new FlowDeriver();
    const sel = new Set<string>();
    const a = deriver.derive({ model: m, selection: sel });
    expect(deriver.lastTouched).toBe(300);
    const id = Object.keys(m.nodes)[42]!;
    const positions = new Map([[id, { x: 5000, y: 5000 }]]);
    const b = deriver.derive({ model: m, selection: sel, positions });
    expect(deriver.lastTouched).toBe(1);
    expect(b.boxes.get(id)).toMatchObject({ x: 5000, y: 5000 });
    const fresh = new FlowDeriver().derive({ model: m, selection: sel, positions });
    expect(b.nodes).toEqual(fresh.nodes);
    expect(b.edges).toEqual(fresh.edges);
    expect(b.frames).toEqual(fresh.frames);
    // Untouched nodes keep their objects (React Flow skips them).
    expect(b.nodes.filter((n, i) => n !== a.nodes[i]).map((n) => n.id)).toEqual(expect.arrayContaining([id]));
    expect(b.nodes.filter((n, i) => n !== a.nodes[i] && n.type === 'kind')).toHaveLength(1);
  });

  it('random moves, selections and drags give what a fresh derivation gives', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            op: fc.constantFrom('move', 'select', 'drag', 'drop', 'rename'),
            at: fc.nat(299),
            dx: fc.integer({ min: -3000, max: 3000 }),
            dy: fc.integer({ min: -3000, max: 3000 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        (steps) => {
          let m = big();
          const ids = Object.keys(m.nodes);
          const deriver = new FlowDeriver();
          let selection: ReadonlySet<string> = new Set();
          let positions: Map<string, { x: number; y: number }> | null = null;
          deriver.derive({ model: m, selection });
          for (const s of steps) {
            const id = ids[s.at]!;
            const p = m.layout![id]!;
            if (s.op === 'move') m = { ...m, layout: { ...m.layout, [id]: { x: p.x + s.dx, y: p.y + s.dy } } };
            else if (s.op === 'select') selection = new Set([id, `${ids[(s.at + 1) % 300]}->${id}`]);
            else if (s.op === 'drag')
              positions = new Map([...(positions ?? []), [id, { x: p.x + s.dx, y: p.y + s.dy }]]);
            else if (s.op === 'drop') positions = null;
            else m = { ...m, nodes: { ...m.nodes, [id]: { ...m.nodes[id]!, name: `renamed ${s.dx}` } } };
            const inc = deriver.derive({ model: m, selection, positions });
            const fresh = new FlowDeriver().derive({ model: m, selection, positions });
            expect(inc.nodes).toEqual(fresh.nodes);
            expect(inc.edges).toEqual(fresh.edges);
            expect([...inc.boxes]).toEqual([...fresh.boxes]);
            expect([...inc.frames]).toEqual([...fresh.frames]);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
