/** The one studio window, locked down per Electron's security checklist. */
import { APP_URL } from './app-protocol';
import type { BrowserWindowLike, ElectronLike, WebPreferences } from './electron-types';
import { guardWebContents } from './navigation';
import { MIN_HEIGHT, MIN_WIDTH, loadWindowState, saveWindowState, type WindowState } from './window-state';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  userData: string;
  /** Where to load (default keel://app/index.html). */
  url?: string;
}

function currentState(win: BrowserWindowLike): WindowState {
  const b = win.getNormalBounds ? win.getNormalBounds() : win.getBounds();
  return { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
}

export function createMainWindow(
  electron: Pick<ElectronLike, 'BrowserWindow' | 'shell' | 'screen'>,
  options: MainWindowOptions,
): BrowserWindowLike {
  const state = loadWindowState(
    options.userData,
    electron.screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new electron.BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: 'Keel',
    backgroundColor: '#f6f7f9',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  // Also applied app-wide on 'web-contents-created'; repeated here so the
  // window is safe even when created outside startDesktop (tests, tools).
  guardWebContents(win.webContents, electron.shell);
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  let timer: ReturnType<typeof setTimeout> | undefined;
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!win.isDestroyed()) saveWindowState(options.userData, currentState(win));
    }, 500);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('close', () => {
    clearTimeout(timer);
    saveWindowState(options.userData, currentState(win));
  });
  void win.loadURL(options.url ?? APP_URL);
  return win;
}
