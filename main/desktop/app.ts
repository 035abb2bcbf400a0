/**
 * The desktop app's wiring, given the Electron module: single instance,
 * keel:// protocol, permission and navigation guards, the back end (store in
 * userData) in its own process, IPC, menu, one window. main.ts passes the
 * real Electron; tests pass fakes.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DESKTOP_EVENT_CHANNEL, type DesktopEvent } from '../../shared/api/names';
import { createDialogHandlers } from '../services/handlers';
import { registerAppProtocol, registerAppScheme } from './app-protocol';
import type { Backend } from './backend-client';
import type { BackendInit } from './backend-protocol';
import { createDialogs } from './dialogs';
import type { BrowserWindowLike, ElectronLike } from './electron-types';
import { exportFolders, guardExportFolder } from './export-folders';
import { createFileActions, modelFilesInArgv, type FileActions } from './file-actions';
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
  /** This process's command line (default process.argv): model files on it are imported and opened. */
  argv?: readonly string[];
  /** Where relative paths on argv are resolved (default process.cwd()). */
  cwd?: string;
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
  let files: FileActions | undefined;
  // Paths the OS handed over before the back end and the window were up.
  const waiting: string[] = [];
  const openFromOs = (paths: string[]) => {
    if (files) for (const p of paths) void files.importPath(p);
    else waiting.push(...paths);
  };

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { primary: false, ready: Promise.resolve(), window: () => undefined };
  }
  app.on('second-instance', (_event, argv, workingDirectory) => {
    // `keel-studio shop.keel.yaml` while Keel runs: this instance opens the file.
    openFromOs(modelFilesInArgv(argv ?? []).map((f) => resolve(workingDirectory ?? '', f)));
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  // macOS: a file dropped on the Dock icon or opened from Finder (may come before ready).
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFromOs([path]);
  });
  const cwd = deps.cwd ?? process.cwd();
  openFromOs(modelFilesInArgv(deps.argv ?? process.argv).map((f) => resolve(cwd, f)));

  // Events wait until the page has loaded (its listener is installed as its script runs).
  let pageLoaded = false;
  let queued: DesktopEvent[] = [];
  const sendEvent = (event: DesktopEvent) => {
    if (win && !win.isDestroyed() && pageLoaded) win.webContents.send(DESKTOP_EVENT_CHANNEL, event);
    else queued.push(event);
  };

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
      const folders = exportFolders(userData);
      const nativeDialogs = createDialogs(
        electron.dialog,
        () => win,
        (path) => folders.grant(path),
      );
      const dialogs = runLocally(createDialogHandlers(nativeDialogs), deps.log);
      const run: RunOperation = (op, input) =>
        op.startsWith('dialog.') ? dialogs(op, input) : started.call(op, input);
      registerIpc(electron.ipcMain, guardExportFolder(run, folders), deps.log);

      const actions = createFileActions({
        dialogs: nativeDialogs,
        call: (op, input) => started.call(op, input),
        send: sendEvent,
        showError: (message) => electron.dialog.showErrorBox('Keel', message),
      });
      files = actions;
      const target = { contents: () => (win && !win.isDestroyed() ? win.webContents : undefined) };
      const menuActions = {
        new: () => void actions.newModel(),
        open: () => void actions.chooseAndImport('open'),
        import: () => void actions.chooseAndImport('import'),
      };
      electron.Menu.setApplicationMenu(
        electron.Menu.buildFromTemplate(buildMenuTemplate(target, process.platform, menuActions)),
      );

      win = createMainWindow(electron, { preloadPath: paths.preloadPath, userData });
      const created = win;
      created.webContents.on('did-finish-load', () => {
        pageLoaded = true;
        const events = queued;
        queued = [];
        for (const e of events) created.webContents.send(DESKTOP_EVENT_CHANNEL, e);
      });
      win.on('closed', () => {
        win = undefined;
        pageLoaded = false;
      });
      openFromOs(waiting.splice(0));
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
