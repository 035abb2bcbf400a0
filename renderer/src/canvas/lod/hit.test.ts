import { describe, expect, it } from 'vitest';
import type { Box, LinkFlowEdge } from '../derive';
import { FRAME_TITLE_AREA, TITLE_BAND_PX, titleBand } from './geometry';
import { linkAt, linkRoute, polylineDistance, routePoints, segmentDistance } from './hit';

const box = (x: number, y: number): Box => ({ x, y, width: 100, height: 40 });
const edge = (id: string, source: string, target: string): LinkFlowEdge =>
  ({ id, source, target, sourceHandle: 'r', targetHandle: 'l' }) as LinkFlowEdge;

describe('frame title band', () => {
  const frame = { x: 100, y: 200, width: 500, height: 400 };
  it('is the strip above the members zoomed in', () => {
    expect(titleBand(frame, 1)).toEqual({ x: 100, y: 200, width: 500, height: FRAME_TITLE_AREA });
    expect(titleBand(frame, TITLE_BAND_PX / FRAME_TITLE_AREA)).toEqual(titleBand(frame, 1));
  });
  it('keeps TITLE_BAND_PX on screen zoomed out, growing up out of the frame, never over its members', () => {
    for (const zoom of [0.3, 0.1, 0.05]) {
      const b = titleBand(frame, zoom);
      expect(b.height * zoom).toBeCloseTo(TITLE_BAND_PX);
      expect(b.y + b.height).toBe(frame.y + FRAME_TITLE_AREA);
      expect(b.y).toBeLessThan(frame.y);
      expect(b).toMatchObject({ x: frame.x, width: frame.width });
    }
  });
  it('ends inside a frame shorter than the title strip', () => {
    const b = titleBand({ ...frame, height: 30 }, 1);
    expect(b.y + b.height).toBe(frame.y + 30);
    expect(b.height).toBe(30);
  });
});

describe('link hit test', () => {
  it('reads the corner points of a smooth-step route', () => {
    const pts = routePoints(linkRoute(edge('l', 'a', 'b'), box(0, 0), box(300, 200)));
    expect(pts[0]).toEqual({ x: 100, y: 20 });
    expect(pts.at(-1)).toEqual({ x: 300, y: 220 });
    // Orthogonal: every step runs along one axis (a rounded corner's control point is the corner).
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1]!;
      const b = pts[i]!;
      expect(Math.min(Math.abs(a.x - b.x), Math.abs(a.y - b.y))).toBeLessThanOrEqual(8);
    }
  });
  it('measures distances to segments and polylines', () => {
    expect(segmentDistance({ x: 5, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(3);
    expect(segmentDistance({ x: -4, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(5);
    expect(segmentDistance({ x: 3, y: 4 }, { x: 0, y: 0 }, { x: 0, y: 0 })).toBe(5);
    expect(
      polylineDistance({ x: 12, y: 5 }, [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 10 },
      ]),
    ).toBe(2);
    expect(polylineDistance({ x: 0, y: 0 }, [])).toBe(Infinity);
  });
  it('finds the link under a point, the nearest of two, and none away from every link', () => {
    const boxes = new Map([
      ['a', box(0, 0)],
      ['b', box(300, 0)],
      ['c', box(300, 200)],
    ]);
    const edges = [edge('ab', 'a', 'b'), edge('ac', 'a', 'c')];
    // a -> b is a straight line at y = 20 from x = 100 to 300.
    expect(linkAt(edges, boxes, { x: 250, y: 22 }, 5)).toBe('ab');
    expect(linkAt(edges, boxes, { x: 250, y: 30 }, 5)).toBeUndefined();
    // a -> c ends along y = 220 into c's left side.
    expect(linkAt(edges, boxes, { x: 280, y: 218 }, 5)).toBe('ac');
    expect(linkAt(edges, boxes, { x: 900, y: 900 }, 50)).toBeUndefined();
    // A link whose end is missing is skipped.
    expect(linkAt([edge('ax', 'a', 'x')], boxes, { x: 150, y: 20 }, 5)).toBeUndefined();
  });
});
