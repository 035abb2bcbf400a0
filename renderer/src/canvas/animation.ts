/**
 * Animated position changes (layout): the model takes the final positions at
 * once (one undo step, autosave sees them), and this view-only override eases
 * the drawing from the old positions to the new ones.
 */
type Positions = Map<string, { x: number; y: number }>;

let current: Positions | null = null;
const listeners = new Set<() => void>();
let frame = 0;

export const positionOverride = {
  get: (): Positions | null => current,
  subscribe(cb: () => void) {
    listeners.add(cb);
    return () => listeners.delete(cb);
  },
};

function emit(next: Positions | null) {
  current = next;
  for (const l of listeners) l();
}

/**
 * Larger moves jump: every tween frame re-renders each moving node and its
 * edges, and past about this many that costs more than a frame (measured in
 * bench/studio.bench.ts: a 300-node layout tween made 100-600 ms tasks).
 */
export const ANIMATE_MAX_NODES = 150;

export function animateFrom(
  from: Map<string, { x: number; y: number }>,
  to: Map<string, { x: number; y: number }>,
  durationMs = 320,
): Promise<void> {
  cancelAnimationFrame(frame);
  if (from.size === 0 || to.size > ANIMATE_MAX_NODES) {
    emit(null);
    return Promise.resolve();
  }
  const t0 = performance.now();
  return new Promise((resolve) => {
    const step = (now: number) => {
      const t = Math.min(1, (now - t0) / durationMs);
      const e = 1 - Math.pow(1 - t, 3);
      if (t >= 1) {
        emit(null);
        resolve();
        return;
      }
      const next: Positions = new Map();
      for (const [id, b] of to) {
        const a = from.get(id);
        if (!a || (a.x === b.x && a.y === b.y)) continue;
        next.set(id, { x: a.x + (b.x - a.x) * e, y: a.y + (b.y - a.y) * e });
      }
      emit(next);
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
  });
}
