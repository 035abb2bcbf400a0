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

/** IPC channel of one operation (desktop). */
export const ipcChannel = (op: OperationName): string => `keel:${op}`;
/** IPC channel main uses to send menu commands to the renderer. */
export const MENU_CHANNEL = 'keel:menu';
