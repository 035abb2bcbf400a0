/**
 * The desktop menu's commands, routed to the same actions as the toolbar and
 * the keys, and what main did for the renderer (desktop events): New, Open
 * and Import run in main (it shows the dialog and reads the file), which then
 * says which model to open or why a file was not imported.
 */
import type { DesktopEvent, MenuCommand } from '../../../shared/api/contract';
import { canvas } from '../canvas/controller';
import { studio } from '../state/store';
import { navigate } from './router';
import { openExportDialog } from '../export/export-dialog-state';
import { historyPanel } from '../snapshots/panel-state';

interface MenuBridge {
  onMenuCommand?: (cb: (command: MenuCommand) => void) => (() => void) | void;
  onDesktopEvent?: (cb: (event: DesktopEvent) => void) => (() => void) | void;
}

const bridge = () => (window as unknown as { keel?: MenuBridge }).keel;
const unsubscriber = (off: (() => void) | void) => (typeof off === 'function' ? off : () => {});

/** The studio's commands; installed while a model is open. */
export function installMenuCommands(): () => void {
  const keel = bridge();
  if (!keel?.onMenuCommand) return () => {};
  return unsubscriber(
    keel.onMenuCommand((command) => {
      switch (command) {
        case 'undo':
          return studio.undo();
        case 'redo':
          return studio.redo();
        case 'copy':
          return void canvas.copy();
        case 'cut':
          return canvas.cut();
        case 'paste':
          return canvas.paste();
        case 'select-all':
          return canvas.selectAll();
        case 'zoom-in':
          return canvas.zoomIn();
        case 'zoom-out':
          return canvas.zoomOut();
        case 'fit':
          return canvas.fit();
        case 'layout':
          return void canvas.layoutSelectionOrAll();
        case 'export':
          return openExportDialog();
        case 'snapshot':
          return historyPanel.set(true);
        default:
          return undefined;
      }
    }),
  );
}

type ImportFailure = Extract<DesktopEvent, { type: 'import-failed' }>;
let failure: ImportFailure | null = null;
const failureListeners = new Set<() => void>();

/** The import main reported as failed, until the user closes it (App shows it). */
export const desktopImportFailure = {
  get: () => failure,
  clear: () => setFailure(null),
  subscribe(l: () => void): () => void {
    failureListeners.add(l);
    return () => failureListeners.delete(l);
  },
};
function setFailure(f: ImportFailure | null) {
  failure = f;
  for (const l of failureListeners) l();
}

/**
 * Installed once, as the page's script runs (main holds events until the page
 * has loaded): works on every screen, Home included.
 */
export function installDesktopEvents(): () => void {
  const keel = bridge();
  const offs: (() => void)[] = [];
  if (keel?.onDesktopEvent)
    offs.push(
      unsubscriber(
        keel.onDesktopEvent((event) => {
          if (event.type === 'open-model') {
            setFailure(null);
            navigate({ screen: 'studio', modelId: event.id });
          } else setFailure(event);
        }),
      ),
    );
  if (keel?.onMenuCommand)
    offs.push(
      unsubscriber(
        keel.onMenuCommand((command) => {
          if (command === 'new-from-template') showTemplateChooser();
        }),
      ),
    );
  return () => offs.forEach((off) => off());
}

/** Home, scrolled to its templates, the first one focused. */
function showTemplateChooser(): void {
  navigate({ screen: 'home' });
  const started = performance.now();
  const find = () => {
    const first = document.querySelector<HTMLElement>('.template-grid [data-testid^="use-template-"]');
    if (first) {
      // The heading mid-screen keeps it clear of the sticky bar, with the first row of templates below it.
      const heading = first.closest('.home-section')?.querySelector('h2');
      (heading ?? first).scrollIntoView({ block: 'center' });
      first.focus({ preventScroll: true });
    } else if (performance.now() - started < 3000) requestAnimationFrame(find);
  };
  requestAnimationFrame(find);
}
