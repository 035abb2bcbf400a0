/**
 * What the preload exposes as `window.keel`: one named function per contract
 * operation and a menu subscription, built over ipcRenderer but never handing
 * it (or the IPC event) to the page.
 */
import type { KeelBridge } from '../../shared/api/contract';
import {
  DESKTOP_EVENT_CHANNEL,
  ipcChannel,
  isDesktopEvent,
  isMenuCommand,
  MENU_CHANNEL,
  OPERATION_NAMES,
  type DesktopEvent,
  type MenuCommand,
} from '../../shared/api/names';
import type { IpcRendererLike } from './electron-types';

export function buildBridge(ipcRenderer: IpcRendererLike): KeelBridge {
  const bridge: Record<string, unknown> = {};
  for (const op of OPERATION_NAMES) {
    const channel = ipcChannel(op);
    // Exactly one argument crosses: the input object.
    bridge[op] = (input: unknown) => ipcRenderer.invoke(channel, input ?? {});
  }
  bridge.onMenuCommand = subscribe<MenuCommand>(ipcRenderer, MENU_CHANNEL, isMenuCommand, 'onMenuCommand');
  bridge.onDesktopEvent = subscribe<DesktopEvent>(ipcRenderer, DESKTOP_EVENT_CHANNEL, isDesktopEvent, 'onDesktopEvent');
  return Object.freeze(bridge) as unknown as KeelBridge;
}

/** A subscription to one channel from main that hands the page only values that pass `valid` (never the IPC event). */
function subscribe<T>(ipcRenderer: IpcRendererLike, channel: string, valid: (v: unknown) => v is T, name: string) {
  return (callback: (value: T) => void) => {
    if (typeof callback !== 'function') throw new TypeError(`${name} needs a function`);
    const listener = (_event: unknown, value: unknown) => {
      if (valid(value)) callback(value);
    };
    ipcRenderer.on(channel, listener);
    return () => {
      ipcRenderer.removeListener(channel, listener);
    };
  };
}
