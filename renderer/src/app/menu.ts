/** The desktop menu's commands, routed to the same actions as the toolbar and the keys. */
import type { MenuCommand } from '../../../shared/api/contract';
import { canvas } from '../canvas/controller';
import { studio } from '../state/store';
import { navigate } from './router';
import { openExportDialog } from '../export/export-dialog-state';

interface MenuBridge {
  onMenuCommand?: (cb: (command: MenuCommand) => void) => (() => void) | void;
}

export function installMenuCommands(): () => void {
  const bridge = (window as unknown as { keel?: MenuBridge }).keel;
  if (!bridge?.onMenuCommand) return () => {};
  const off = bridge.onMenuCommand((command) => {
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
      case 'new':
      case 'new-from-template':
      case 'open':
      case 'import':
        return navigate({ screen: 'home' });
      default:
        return undefined;
    }
  });
  return typeof off === 'function' ? off : () => {};
}
