/**
 * What the preload exposes as `window.keel`: one named function per contract
 * operation and a menu subscription, built over ipcRenderer but never handing
 * it (or the IPC event) to the page.
 */
import type { KeelBridge } from '../../shared/api/contract';
import { ipcChannel, isMenuCommand, MENU_CHANNEL, OPERATION_NAMES, type MenuCommand } from '../../shared/api/names';
import type { IpcRendererLike } from './electron-types';

export function buildBridge(ipcRenderer: IpcRendererLike): KeelBridge {
  const bridge: Record<string, unknown> = {};
  for (const op of OPERATION_NAMES) {
    const channel = ipcChannel(op);
    // Exactly one argument crosses: the input object.
    bridge[op] = (input: unknown) => ipcRenderer.invoke(channel, input ?? {});
  }
  bridge.onMenuCommand = (callback: (command: MenuCommand) => void) => {
    if (typeof callback !== 'function') throw new TypeError('onMenuCommand needs a function');
    const listener = (_event: unknown, command: unknown) => {
      if (isMenuCommand(command)) callback(command);
    };
    ipcRenderer.on(MENU_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, listener);
    };
  };
  return Object.freeze(bridge) as unknown as KeelBridge;
}
