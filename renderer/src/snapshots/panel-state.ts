/** Which studio side panel is open (history), and what the canvas highlights from a comparison. */
import type { CompareHighlight } from './compare';

type Listener = () => void;

function cell<T>(initial: T) {
  let value = initial;
  const listeners = new Set<Listener>();
  return {
    get: () => value,
    set(v: T) {
      if (Object.is(v, value)) return;
      value = v;
      for (const l of listeners) l();
    },
    subscribe(l: Listener): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

export const historyPanel = cell(false);
export const compareHighlight = cell<CompareHighlight | null>(null);
