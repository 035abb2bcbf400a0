/**
 * The application menu. New, Open and Import run in main (file-actions.ts:
 * main shows the dialog and reads the file); every other item sends a menu
 * command to the renderer (`window.keel.onMenuCommand`), which decides what
 * it means there.
 * Cut, copy, paste and select all also run the native edit action, so text
 * fields behave as everywhere else (the renderer ignores the command while an
 * editable element has focus).
 */
import { MENU_CHANNEL, type MenuCommand } from '../../shared/api/names';
import type { MenuItemOptions, WebContentsLike } from './electron-types';

export interface MenuTarget {
  /** The focused studio window's contents, if any. */
  contents(): WebContentsLike | undefined;
}

const NATIVE_EDIT: Partial<Record<MenuCommand, 'cut' | 'copy' | 'paste' | 'selectAll'>> = {
  cut: 'cut',
  copy: 'copy',
  paste: 'paste',
  'select-all': 'selectAll',
};

export function sendMenuCommand(target: MenuTarget, command: MenuCommand): void {
  const contents = target.contents();
  if (!contents) return;
  const native = NATIVE_EDIT[command];
  if (native) contents[native]();
  contents.send(MENU_CHANNEL, command);
}

/** Commands main carries out itself instead of sending them to the renderer. */
export type MainMenuActions = Partial<Record<MenuCommand, () => void>>;

export function buildMenuTemplate(
  target: MenuTarget,
  platform: NodeJS.Platform = process.platform,
  actions: MainMenuActions = {},
): MenuItemOptions[] {
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => {
      const action = actions[command];
      if (action) action();
      else sendMenuCommand(target, command);
    },
  });
  const sep: MenuItemOptions = { type: 'separator' };
  const template: MenuItemOptions[] = [];
  if (platform === 'darwin') {
    template.push({
      label: 'Keel',
      submenu: [
        { role: 'about' },
        sep,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        sep,
        { role: 'quit' },
      ],
    });
  }
  template.push(
    {
      label: '&File',
      submenu: [
        item('New Model', 'new', 'CmdOrCtrl+N'),
        item('New from Template…', 'new-from-template', 'CmdOrCtrl+Shift+N'),
        item('Open…', 'open', 'CmdOrCtrl+O'),
        sep,
        item('Import Model File…', 'import', 'CmdOrCtrl+I'),
        item('Export Design Package…', 'export', 'CmdOrCtrl+E'),
        sep,
        item('Snapshots…', 'snapshot', 'CmdOrCtrl+Shift+H'),
        ...(platform === 'darwin' ? [] : [sep, { role: 'quit', label: 'E&xit' }]),
      ],
    },
    {
      label: '&Edit',
      submenu: [
        item('Undo', 'undo', 'CmdOrCtrl+Z'),
        item('Redo', 'redo', platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z'),
        sep,
        item('Cut', 'cut', 'CmdOrCtrl+X'),
        item('Copy', 'copy', 'CmdOrCtrl+C'),
        item('Paste', 'paste', 'CmdOrCtrl+V'),
        item('Select All', 'select-all', 'CmdOrCtrl+A'),
      ],
    },
    {
      label: '&View',
      submenu: [
        item('Zoom In', 'zoom-in', 'CmdOrCtrl+='),
        item('Zoom Out', 'zoom-out', 'CmdOrCtrl+-'),
        item('Fit to Window', 'fit', 'CmdOrCtrl+0'),
        sep,
        item('Auto Layout', 'layout', 'CmdOrCtrl+L'),
        sep,
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  );
  return template;
}
