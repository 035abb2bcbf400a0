/** Whether workshop mode is on (one presentation at a time). */
type Listener = () => void;
const listeners = new Set<Listener>();
let on = false;

export const workshop = {
  get: () => on,
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  set(next: boolean) {
    if (next === on) return;
    on = next;
    for (const l of listeners) l();
  },
};
