/**
 * The desktop app's wiring, given the Electron module: single instance,
 * keel:// protocol, permission and navigation guards, the back end (store in
 * userData) in its own process, IPC, menu, one window. main.ts passes the
 * real Electron; tests pass fakes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDialogHandlers } from '../services/handlers';
import { registerAppProtocol, registerAppScheme } from './app-protocol';
import type { Backend } from './backend-client';
import type { BackendInit } from './backend-protocol';
import { createDialogs } from './dialogs';
import type { BrowserWindowLike, ElectronLike } from './electron-types';
import { registerIpc, runLocally, type RunOperation } from './ipc';
import { buildMenuTemplate } from './menu';
import { denyAllPermissions, guardWebContents } from './navigation';
import { createMainWindow } from './window';

export interface DesktopPaths {
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** The bundled preload (dist/desktop/preload.cjs). */
  preloadPath: string;
  /** The templates shipped with the app (resources/templates). */
  templatesDir?: string;
}

export interface DesktopDeps {
  /** Starts the back end: a utility process in the app (main.ts), in-process in tests. */
  startBackend(init: BackendInit): Backend;
  log?: (message: string) => void;
}

export const STORE_FILE = 'keel.db';

export interface DesktopApp {
  /** false when another instance already runs (this one quits). */
  primary: boolean;
  /** Resolves when the window has been created (or start-up failed and the app quits). */
  ready: Promise<void>;
  window(): BrowserWindowLike | undefined;
}

export function startDesktop(electron: ElectronLike, paths: DesktopPaths, deps: DesktopDeps): DesktopApp {
  const { app } = electron;
  let win: BrowserWindowLike | undefined;
  let backend: Backend | undefined;

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
    .then(async () => {
      denyAllPermissions(electron.session.defaultSession);
      registerAppProtocol(electron.protocol, paths.staticDir);

      const userData = app.getPath('userData');
      mkdirSync(userData, { recursive: true });
      const started = deps.startBackend({
        storePath: join(userData, STORE_FILE),
        templatesDir: paths.templatesDir,
        version: app.getVersion(),
      });
      backend = started;
      await started.ready;

      // Dialogs need a window, so they are answered here; the rest in the back end.
      const dialogs = runLocally(createDialogHandlers(createDialogs(electron.dialog, () => win)), deps.log);
      const run: RunOperation = (op, input) =>
        op.startsWith('dialog.') ? dialogs(op, input) : started.call(op, input);
      registerIpc(electron.ipcMain, run, deps.log);

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
    backend?.close();
    backend = undefined;
  });

  return { primary: true, ready, window: () => win };
}
