/**
 * The desktop app's wiring, given the Electron module: single instance,
 * keel:// protocol, permission and navigation guards, the store in userData,
 * IPC, menu, one window. main.ts passes the real Electron; tests pass fakes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHandlers, type TemplateSource } from '../services/handlers';
import type { ModelStore } from '../store/types';
import { registerAppProtocol, registerAppScheme } from './app-protocol';
import { createDialogs } from './dialogs';
import type { BrowserWindowLike, ElectronLike } from './electron-types';
import { registerIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import { denyAllPermissions, guardWebContents } from './navigation';
import { createMainWindow } from './window';

export interface DesktopPaths {
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** The bundled preload (dist/desktop/preload.cjs). */
  preloadPath: string;
}

export interface DesktopDeps {
  openStore(path: string): ModelStore;
  templates: TemplateSource;
  log?: (message: string) => void;
}

export const STORE_FILE = 'keel.db';

export interface DesktopApp {
  /** false when another instance already runs (this one quits). */
  primary: boolean;
  /** Resolves when the window has been created. */
  ready: Promise<void>;
  window(): BrowserWindowLike | undefined;
}

export function startDesktop(electron: ElectronLike, paths: DesktopPaths, deps: DesktopDeps): DesktopApp {
  const { app } = electron;
  let win: BrowserWindowLike | undefined;
  let store: ModelStore | undefined;

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { primary: false, ready: Promise.resolve(), window: () => undefined };
  }
  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  // Before ready: keel:// must be a standard, secure scheme.
  registerAppScheme(electron.protocol);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, electron.shell));

  const ready = app
    .whenReady()
    .then(() => {
      denyAllPermissions(electron.session.defaultSession);
      registerAppProtocol(electron.protocol, paths.staticDir);

      const userData = app.getPath('userData');
      mkdirSync(userData, { recursive: true });
      const storePath = join(userData, STORE_FILE);
      store = deps.openStore(storePath);
      const handlers = createHandlers({
        store,
        templates: deps.templates,
        mode: 'desktop',
        storePath,
        version: app.getVersion(),
        dialogs: createDialogs(electron.dialog, () => win),
      });
      registerIpc(electron.ipcMain, handlers, deps.log);

      const target = { contents: () => (win && !win.isDestroyed() ? win.webContents : undefined) };
      electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(buildMenuTemplate(target)));

      win = createMainWindow(electron, { preloadPath: paths.preloadPath, userData });
      win.on('closed', () => {
        win = undefined;
      });
    })
    .catch((err: unknown) => {
      // A damaged or newer store, an unreadable userData folder: say so, then quit.
      const message = err instanceof Error ? err.message : String(err);
      deps.log?.(`keel: cannot start: ${message}`);
      electron.dialog.showErrorBox('Keel cannot start', message);
      app.quit();
    });

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    store?.close();
    store = undefined;
  });

  return { primary: true, ready, window: () => win };
}
