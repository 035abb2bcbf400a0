import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  fitRect,
  isLowDetail,
  LOD_MIN_NODES,
  LOD_ZOOM,
  overlaps,
  tint,
  toFlow,
  toScreen,
  visibleFlowRect,
} from './geometry';

describe('LOD geometry', () => {
  it('switches to the canvas below the threshold zoom only', () => {
    expect(isLowDetail(LOD_ZOOM - 0.01)).toBe(true);
    expect(isLowDetail(LOD_ZOOM)).toBe(false);
    expect(isLowDetail(1)).toBe(false);
    expect(isLowDetail(0.05)).toBe(true);
    // Small models keep their DOM nodes at any zoom.
    expect(isLowDetail(0.05, LOD_MIN_NODES)).toBe(false);
    expect(isLowDetail(0.05, LOD_MIN_NODES + 1)).toBe(true);
  });

  it('maps flow to screen and back through the React Flow transform', () => {
    const v = { x: 120, y: -40, zoom: 0.25 };
    expect(toScreen(v, { x: 400, y: 800 })).toEqual({ x: 220, y: 160 });
    fc.assert(
      fc.property(
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.double({ min: 0.05, max: 2.5, noNaN: true }),
        (x, y, zoom) => {
          const view = { x: 33, y: -71, zoom };
          const back = toFlow(view, toScreen(view, { x, y }));
          expect(back.x).toBeCloseTo(x, 6);
          expect(back.y).toBeCloseTo(y, 6);
        },
      ),
    );
  });

  it('gives the flow rectangle on screen, with a margin in screen pixels', () => {
    const v = { x: -500, y: -200, zoom: 0.5 };
    expect(visibleFlowRect(v, 800, 600)).toEqual({ x: 1000, y: 400, width: 1600, height: 1200 });
    expect(visibleFlowRect(v, 800, 600, 10)).toEqual({ x: 980, y: 380, width: 1640, height: 1240 });
    // A node just off the right edge is culled; one touching the view is kept.
    const view = visibleFlowRect(v, 800, 600);
    expect(overlaps({ x: 2600, y: 500, width: 196, height: 64 }, view)).toBe(false);
    expect(overlaps({ x: 2590, y: 500, width: 196, height: 64 }, view)).toBe(true);
  });

  it('fits a rectangle centred in a panel (the minimap)', () => {
    const r = { x: 100, y: 50, width: 1000, height: 200 };
    const v = fitRect(r, 168, 112, 4);
    expect(v.zoom).toBeCloseTo(0.16);
    const a = toScreen(v, { x: r.x, y: r.y });
    const b = toScreen(v, { x: r.x + r.width, y: r.y + r.height });
    expect(a.x).toBeCloseTo(4);
    expect(b.x).toBeCloseTo(164);
    expect((a.y + b.y) / 2).toBeCloseTo(56);
  });

  it('bounds rectangles and mixes colours like color-mix in srgb', () => {
    expect(boundsOf([])).toBeNull();
    expect(
      boundsOf([
        { x: 0, y: 10, width: 5, height: 5 },
        { x: -3, y: 12, width: 1, height: 10 },
      ]),
    ).toEqual({ x: -3, y: 10, width: 8, height: 12 });
    expect(tint('#000000', 0.5)).toBe('#808080');
    expect(tint('#2563eb', 1)).toBe('#2563eb');
    expect(tint('#2563eb', 0)).toBe('#ffffff');
    expect(tint('#d92d20', 0.18)).toBe('#f8d9d7');
    expect(() => tint('red', 0.5)).toThrow(/#rrggbb/);
  });
});
