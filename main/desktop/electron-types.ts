/**
 * The slice of Electron's API the desktop shell uses, as plain interfaces.
 * Electron is an optional dependency (absent where its binary cannot be
 * downloaded), so nothing tested imports it: main.ts passes the real module
 * in, and the tests pass fakes that record what the shell did.
 */
import type { UtilityProcessModuleLike } from './backend-protocol';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PreventableEvent {
  preventDefault(): void;
}

export interface FrameLike {
  url: string;
  /** null for the main frame. */
  parent: FrameLike | null;
}

export interface IpcMainInvokeEventLike {
  senderFrame: FrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface ContextBridgeLike {
  exposeInMainWorld(key: string, api: unknown): void;
}

export type WindowOpenHandler = (details: { url: string }) => { action: 'deny' } | { action: 'allow' };

export interface WebContentsLike {
  on(
    event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect',
    listener: (event: PreventableEvent & { url?: string }, url?: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: string, listener: (...args: never[]) => void): unknown;
  setWindowOpenHandler(handler: WindowOpenHandler): void;
  send(channel: string, ...args: unknown[]): void;
  cut(): void;
  copy(): void;
  paste(): void;
  selectAll(): void;
  session?: SessionLike;
}

export interface WebPreferences {
  preload?: string;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInWorker?: boolean;
  nodeIntegrationInSubFrames?: boolean;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  experimentalFeatures?: boolean;
  webviewTag?: boolean;
  navigateOnDragDrop?: boolean;
  safeDialogs?: boolean;
  spellcheck?: boolean;
}

export interface BrowserWindowOptions {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  minWidth?: number;
  minHeight?: number;
  show?: boolean;
  title?: string;
  backgroundColor?: string;
  webPreferences?: WebPreferences;
}

export interface BrowserWindowLike {
  webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  getBounds(): Rectangle;
  getNormalBounds?(): Rectangle;
  isMaximized(): boolean;
  isMinimized(): boolean;
  maximize(): void;
  restore(): void;
  focus(): void;
  show(): void;
  isDestroyed(): boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
  once(event: string, listener: (...args: never[]) => void): unknown;
}

export type BrowserWindowConstructor = new (options: BrowserWindowOptions) => BrowserWindowLike;

export type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details?: unknown,
) => void;

export interface SessionLike {
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string) => boolean) | null): void;
}

export interface ProtocolLike {
  registerSchemesAsPrivileged(
    schemes: {
      scheme: string;
      privileges: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; codeCache?: boolean };
    }[],
  ): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

export interface AppLike {
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  getPath(name: 'userData'): string;
  getAppPath(): string;
  getVersion(): string;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv?: string[], workingDirectory?: string) => void): unknown;
  on(event: 'open-file', listener: (event: PreventableEvent, path: string) => void): unknown;
  on(event: 'window-all-closed' | 'before-quit' | 'activate', listener: () => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
}

export interface MenuItemOptions {
  label?: string;
  role?: string;
  type?: 'separator' | 'submenu' | 'normal';
  accelerator?: string;
  submenu?: MenuItemOptions[];
  click?: () => void;
}

export interface MenuLike {
  buildFromTemplate(template: MenuItemOptions[]): unknown;
  setApplicationMenu(menu: unknown): void;
}

export interface OpenDialogOptions {
  title?: string;
  properties: ('openFile' | 'openDirectory' | 'createDirectory')[];
  filters?: { name: string; extensions: string[] }[];
}

export interface DialogLike {
  showErrorBox(title: string, content: string): void;
  showOpenDialog(
    window: BrowserWindowLike,
    options: OpenDialogOptions,
  ): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

export interface ScreenLike {
  getAllDisplays(): { workArea: Rectangle }[];
}

/** What main.ts passes in: `require('electron')`. */
export interface ElectronLike {
  app: AppLike;
  BrowserWindow: BrowserWindowConstructor;
  ipcMain: IpcMainLike;
  protocol: ProtocolLike;
  session: { defaultSession: SessionLike };
  shell: ShellLike;
  dialog: DialogLike;
  Menu: MenuLike;
  screen: ScreenLike;
  utilityProcess: UtilityProcessModuleLike;
}
