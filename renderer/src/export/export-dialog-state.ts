/** Opening the export dialog from anywhere (toolbar, menu). */
let listener: ((open: boolean) => void) | null = null;

export function openExportDialog(): void {
  listener?.(true);
}

export function onExportDialog(cb: (open: boolean) => void): () => void {
  listener = cb;
  return () => {
    if (listener === cb) listener = null;
  };
}
