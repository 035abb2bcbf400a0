/** Keyboard shortcuts of the canvas; ignored while typing in a field. */
export interface ShortcutActions {
  deleteSelection(): void;
  undo(): void;
  redo(): void;
  copy(): void;
  cut(): void;
  paste(): void;
  selectAll(): void;
  layout(): void;
  fit(): void;
  clearSelection(): void;
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function installShortcuts(a: ShortcutActions): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (isTyping(e.target) || e.defaultPrevented) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    let handled = true;
    if (key === 'delete' || key === 'backspace') a.deleteSelection();
    else if (mod && key === 'z' && e.shiftKey) a.redo();
    else if (mod && key === 'z') a.undo();
    else if (mod && key === 'y') a.redo();
    else if (mod && key === 'c') a.copy();
    else if (mod && key === 'x') a.cut();
    else if (mod && key === 'v') a.paste();
    else if (mod && key === 'a') a.selectAll();
    else if (!mod && !e.altKey && key === 'l') a.layout();
    else if (!mod && !e.altKey && key === 'f') a.fit();
    else if (key === 'escape') a.clearSelection();
    else handled = false;
    if (handled) e.preventDefault();
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
