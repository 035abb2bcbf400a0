import { describe, expect, it } from 'vitest';
import { align, distribute } from './arrange';

const boxes = () =>
  new Map([
    ['a', { x: 0, y: 0, width: 100, height: 50 }],
    ['b', { x: 300, y: 40, width: 100, height: 50 }],
    ['c', { x: 120, y: 100, width: 100, height: 50 }],
  ]);

describe('arrange', () => {
  it('aligns left edges and vertical middles', () => {
    expect(align(boxes(), 'left')).toEqual({ a: { x: 0, y: 0 }, b: { x: 0, y: 40 }, c: { x: 0, y: 100 } });
    const m = align(boxes(), 'middle');
    expect(new Set(Object.values(m).map((p) => p.y + 25))).toEqual(new Set([75]));
  });

  it('distributes with equal gaps and keeps the outermost in place', () => {
    const d = distribute(boxes(), 'horizontal');
    expect(d.a!.x).toBe(0);
    expect(d.b!.x).toBe(300);
    expect(d.c!.x).toBe(150);
  });

  it('needs enough nodes to do anything', () => {
    expect(align(new Map([['a', { x: 0, y: 0, width: 1, height: 1 }]]), 'left')).toEqual({});
    expect(distribute(new Map(), 'vertical')).toEqual({});
  });
});
