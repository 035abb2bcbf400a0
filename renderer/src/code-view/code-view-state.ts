/** Whether the code pane is open, and how wide (remembered across sessions). */
const WIDTH_KEY = 'keel.codeView.width';
const OPEN_KEY = 'keel.codeView.open';

type Listener = () => void;
const listeners = new Set<Listener>();

let state = {
  open: localStorage.getItem(OPEN_KEY) === '1',
  width: clampWidth(Number(localStorage.getItem(WIDTH_KEY)) || 460),
};

export function clampWidth(w: number): number {
  return Math.round(Math.min(Math.max(w, 280), Math.max(320, window.innerWidth * 0.7)));
}

export const codeView = {
  get: () => state,
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  setOpen(open: boolean) {
    state = { ...state, open };
    localStorage.setItem(OPEN_KEY, open ? '1' : '0');
    for (const l of listeners) l();
  },
  toggle() {
    this.setOpen(!state.open);
  },
  setWidth(width: number) {
    state = { ...state, width: clampWidth(width) };
    localStorage.setItem(WIDTH_KEY, String(state.width));
    for (const l of listeners) l();
  },
};
