import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdAt, movesToAnimate, nextChunkSize, positionOverride, release } from './animation';

const box = (x: number, y: number) => ({ x, y, width: 100, height: 50 });

describe('movesToAnimate', () => {
  const from = new Map([
    ['still', box(0, 0)],
    ['near', box(10, 10)],
    ['far', box(5000, 5000)],
    ['arrives', box(5000, 0)],
    ['new', box(0, 0)],
  ]);
  const to = new Map([
    ['still', { x: 0, y: 0 }],
    ['near', { x: 200, y: 10 }],
    ['far', { x: 6000, y: 5000 }],
    ['arrives', { x: 300, y: 300 }],
    ['gone', { x: 1, y: 1 }],
  ]);

  it('eases the moves that start or end in view, never a node that stays', () => {
    const view = { x: 0, y: 0, width: 1000, height: 800 };
    expect([...movesToAnimate(from, to, view).keys()].sort()).toEqual(['arrives', 'near']);
    expect(movesToAnimate(from, to, view).get('near')).toEqual({ x: 10, y: 10 });
    expect([...movesToAnimate(from, to, undefined).keys()].sort()).toEqual(['arrives', 'far', 'near']);
  });

  it('keeps the ones nearest the middle of the view when there are too many', () => {
    const view = { x: 0, y: 0, width: 100_000, height: 100_000 };
    expect([...movesToAnimate(from, to, view, 1).keys()]).toEqual(['far']);
  });
});

describe('nextChunkSize', () => {
  it('shrinks at once after a slow frame and grows by half at most after a quick one', () => {
    expect(nextChunkSize(400, 80, 40)).toBe(200);
    expect(nextChunkSize(400, 10, 40)).toBe(600);
    expect(nextChunkSize(300, 30, 40)).toBe(400);
    expect(nextChunkSize(200, 4000, 40)).toBe(120);
    expect(nextChunkSize(1900, 1, 40)).toBe(2000);
    expect(nextChunkSize(300, 0, 40)).toBe(300);
  });
});

describe('release', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('eases what was asked, drops the rest of the hold, then lets go of everything', async () => {
    const frames: ((t: number) => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: (t: number) => void) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const seen: (Map<string, { x: number; y: number }> | null)[] = [];
    const off = positionOverride.subscribe(() => seen.push(positionOverride.get()));
    holdAt(
      new Map([
        ['a', { x: 0, y: 0 }],
        ['b', { x: 50, y: 50 }],
      ]),
    );
    expect(positionOverride.get()?.get('b')).toEqual({ x: 50, y: 50 });

    let done = false;
    const p = release(
      new Map([['a', { x: 0, y: 0 }]]),
      new Map([
        ['a', { x: 100, y: 0 }],
        ['b', { x: 9, y: 9 }],
      ]),
      new Set(),
      100,
    );
    void p.then(() => (done = true));
    frames.shift()!(1000);
    // b is released to the model at once (a small hold fits one chunk); a starts its glide.
    expect(positionOverride.get()).toEqual(new Map([['a', { x: 0, y: 0 }]]));
    frames.shift()!(1050);
    const mid = positionOverride.get()!.get('a')!.x;
    expect(mid).toBeGreaterThan(50);
    expect(mid).toBeLessThan(100);
    frames.shift()!(1100);
    await p;
    expect(done).toBe(true);
    expect(positionOverride.get()).toBeNull();
    expect(seen.at(-1)).toBeNull();
    off();
  });

  it('releases nodes in view first and fewer of them a frame', async () => {
    const frames: ((t: number) => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: (t: number) => void) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const ids = Array.from({ length: 300 }, (_, i) => `n${i}`);
    const at = (id: string) => ({ x: Number(id.slice(1)), y: 0 });
    holdAt(new Map(ids.map((id) => [id, at(id)])));
    const seen = new Set(ids.slice(250)); // the last 50 are in view
    const p = release(new Map(), new Map(ids.map((id) => [id, { x: 0, y: 1 }])), seen, 0);
    frames.shift()!(0);
    // The first chunk (250 units) takes 32 of the nodes in view (8 units each) and none out of view.
    const after = positionOverride.get()!;
    expect(ids.slice(250, 282).some((id) => after.has(id))).toBe(false);
    expect(ids.slice(282).every((id) => after.has(id))).toBe(true);
    expect(ids.slice(0, 250).every((id) => after.has(id))).toBe(true);
    while (frames.length) frames.shift()!(1);
    await p;
    expect(positionOverride.get()).toBeNull();
  });
});
