/**
 * Animated position changes (layout): the model takes the final positions
 * (one undo step, autosave sees them) while this view-only override holds the
 * drawing at the old positions, then hands it back to the model gradually.
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
 * At most this many nodes ease; the others jump. Every tween frame re-renders
 * each easing node and its edges, and past about this many that costs more
 * than a frame (measured in bench/studio-layout.bench.ts).
 */
export const ANIMATE_MAX_NODES = 120;

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The nodes that move and that the user can see: the old or the new box meets `view` (all moves without one). */
export function visibleMoves(
  from: Map<string, Rect>,
  to: Map<string, { x: number; y: number }>,
  view: Rect | undefined,
): Set<string> {
  const out = new Set<string>();
  for (const [id, b] of to) {
    const a = from.get(id);
    if (!a || (a.x === b.x && a.y === b.y)) continue;
    if (view && !overlaps(a, view) && !overlaps({ ...a, x: b.x, y: b.y }, view)) continue;
    out.add(id);
  }
  return out;
}

/** The moves worth easing: visible ones (see visibleMoves), up to `max`, nearest the view's centre first. */
export function movesToAnimate(
  from: Map<string, Rect>,
  to: Map<string, { x: number; y: number }>,
  view: Rect | undefined,
  max = ANIMATE_MAX_NODES,
): Positions {
  const cx = view ? view.x + view.width / 2 : 0;
  const cy = view ? view.y + view.height / 2 : 0;
  const picked = [...visibleMoves(from, to, view)].map((id) => {
    const a = from.get(id)!;
    return { id, at: { x: a.x, y: a.y }, d: Math.hypot(a.x - cx, a.y - cy) };
  });
  if (picked.length > max) picked.sort((p, q) => p.d - q.d).length = max;
  return new Map(picked.map((p) => [p.id, p.at]));
}

/** Draws these nodes at these positions, whatever the model says, until `release` (an empty map lets go at once). */
export function holdAt(from: Positions): void {
  cancelAnimationFrame(frame);
  emit(from.size ? new Map(from) : null);
}

/**
 * How many held nodes a frame releases follows the time frames take: what a
 * release costs depends on the machine, its load, the zoom and how many of
 * the nodes are in view, so a fixed count is either slow or too big. The
 * floor is high because most of a frame's cost does not depend on the count
 * (React Flow and the derivation walk every node): on a loaded machine, 16
 * a frame made 1,000 nodes take 60 frames of 100-250 ms each.
 */
export const FRAME_BUDGET_MS = 50;
const CHUNK_MIN = 120;
const CHUNK_MAX = 2000;
const CHUNK_FIRST = 250;

/** The next chunk after a frame that took `frameMs` for `size` nodes: grows slowly, shrinks at once (pure). */
export function nextChunkSize(size: number, frameMs: number, budgetMs = FRAME_BUDGET_MS): number {
  if (!(frameMs > 0)) return size;
  const scaled = frameMs > budgetMs ? size * (budgetMs / frameMs) : Math.min(size * 1.5, size * (budgetMs / frameMs));
  return Math.max(CHUNK_MIN, Math.min(CHUNK_MAX, Math.round(scaled)));
}

/**
 * What releasing a node costs, against one that is out of view: a node in
 * view re-renders with its edges, one out of view only updates React Flow's
 * internals (onlyRenderVisibleElements).
 */
export const IN_VIEW_WEIGHT = 8;

/**
 * Hands the drawing back to the model: the nodes in `eased` glide from where
 * they are held to `to`, every other held node jumps to its model position,
 * a chunk per frame (nodes in `seen` count IN_VIEW_WEIGHT times, and go
 * first). Resolves when nothing is held any more.
 */
export function release(
  eased: Positions,
  to: Positions,
  seen: ReadonlySet<string> = new Set(),
  durationMs = 320,
): Promise<void> {
  cancelAnimationFrame(frame);
  const held = [...(current ?? new Map<string, { x: number; y: number }>())].filter(([id]) => !eased.has(id));
  const pending = [...held.filter(([id]) => seen.has(id)), ...held.filter(([id]) => !seen.has(id))];
  if (pending.length === 0 && eased.size === 0) {
    emit(null);
    return Promise.resolve();
  }
  let chunk = CHUNK_FIRST;
  let t0 = -1;
  let last = performance.now();
  return new Promise((resolve) => {
    const step = (now: number) => {
      const spent = performance.now() - last;
      if (t0 < 0) t0 = now;
      else chunk = nextChunkSize(chunk, spent);
      let units = 0;
      let n = 0;
      while (n < pending.length && units < chunk) units += seen.has(pending[n++]![0]) ? IN_VIEW_WEIGHT : 1;
      pending.splice(0, n);
      const t = Math.min(1, (now - t0) / durationMs);
      if (t >= 1 && pending.length === 0) {
        emit(null);
        resolve();
        return;
      }
      const e = 1 - Math.pow(1 - t, 3);
      const next: Positions = new Map(pending);
      for (const [id, a] of eased) {
        const b = to.get(id);
        if (b) next.set(id, { x: a.x + (b.x - a.x) * e, y: a.y + (b.y - a.y) * e });
      }
      emit(next);
      last = performance.now();
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
  });
}
