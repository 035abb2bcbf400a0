/**
 * The contract's operation names and the desktop menu commands as plain data,
 * without zod: the sandboxed preload bundles this file alone.
 * contract.test.ts checks OPERATION_NAMES against the contract.
 */
import type { OperationName } from './contract';

export const OPERATION_NAMES = [
  'app.info',
  'models.list',
  'models.create',
  'models.open',
  'models.save',
  'models.rename',
  'models.delete',
  'models.restore',
  'models.history',
  'models.revision',
  'models.restoreRevision',
  'models.setViewState',
  'models.import',
  'models.exportFile',
  'models.purge',
  'templates.list',
  'templates.get',
  'analysis.run',
  'export.package',
  'export.artifact',
  'dialog.openModelFile',
  'dialog.pickFolder',
] as const satisfies readonly OperationName[];

/** Commands the desktop menu sends to the renderer (`window.keel.onMenuCommand`). */
export const MENU_COMMANDS = [
  'new',
  'new-from-template',
  'open',
  'import',
  'export',
  'snapshot',
  'undo',
  'redo',
  'cut',
  'copy',
  'paste',
  'select-all',
  'zoom-in',
  'zoom-out',
  'fit',
  'layout',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/**
 * What the desktop main process tells the renderer after it did something
 * for it: a File menu action or a file the OS handed the app was imported
 * (or a new model created), or an import failed and changed nothing. Main
 * reads the files; the renderer only ever receives these.
 */
export type DesktopEvent =
  | { type: 'open-model'; id: string }
  | { type: 'import-failed'; fileName: string; problems: DesktopProblem[]; message?: string };

/** Problem (contract.ts) as plain data, so that the preload can check it without zod. */
export interface DesktopProblem {
  file: string;
  line: number;
  col: number;
  message: string;
}

const isProblem = (p: unknown): p is DesktopProblem => {
  const o = p as Record<string, unknown> | null;
  return (
    !!o &&
    typeof o.file === 'string' &&
    Number.isInteger(o.line) &&
    Number.isInteger(o.col) &&
    typeof o.message === 'string'
  );
};

/** The preload passes only well-formed events to the page. */
export function isDesktopEvent(value: unknown): value is DesktopEvent {
  const o = value as Record<string, unknown> | null;
  if (!o || typeof o !== 'object') return false;
  if (o.type === 'open-model') return typeof o.id === 'string' && /^[a-zA-Z0-9_-]{1,64}$/.test(o.id);
  if (o.type === 'import-failed')
    return (
      typeof o.fileName === 'string' &&
      Array.isArray(o.problems) &&
      o.problems.every(isProblem) &&
      (o.message === undefined || typeof o.message === 'string')
    );
  return false;
}

/** IPC channel main uses to send desktop events to the renderer. */
export const DESKTOP_EVENT_CHANNEL = 'keel:event';

/** IPC channel of one operation (desktop). */
export const ipcChannel = (op: OperationName): string => `keel:${op}`;
/** IPC channel main uses to send menu commands to the renderer. */
export const MENU_CHANNEL = 'keel:menu';
