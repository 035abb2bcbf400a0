/**
 * Fake Electron objects that record what the shell does to them, for the
 * desktop wiring tests (Electron itself is not installed here).
 */
import type {
  AppLike,
  BrowserWindowLike,
  BrowserWindowOptions,
  ElectronLike,
  FrameLike,
  IpcMainInvokeEventLike,
  MenuItemOptions,
  OpenDialogOptions,
  PermissionRequestHandler,
  PreventableEvent,
  Rectangle,
  WebContentsLike,
  WindowOpenHandler,
} from './electron-types';
import { openSqliteStore } from '../store/sqlite-store';
import type { ModelStore } from '../store/types';
import { startDesktop, type DesktopApp, type DesktopDeps } from './app';
import { connectBackend } from './backend-client';
import { runBackendHost, type BackendHostDeps } from './backend-host';
import type { ParentPortLike, UtilityProcessLike } from './backend-protocol';
import { createMemoryStore } from '../store/memory-store';

type Listener = (...args: never[]) => unknown;

export class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args);
  }
}

export class FakeEvent implements PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebContents extends Emitter implements WebContentsLike {
  windowOpenHandler?: WindowOpenHandler;
  sent: [string, ...unknown[]][] = [];
  edits: string[] = [];
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  cut(): void {
    this.edits.push('cut');
  }
  copy(): void {
    this.edits.push('copy');
  }
  paste(): void {
    this.edits.push('paste');
  }
  selectAll(): void {
    this.edits.push('selectAll');
  }
  /** Emits a navigation event and tells whether the shell prevented it. */
  navigate(kind: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string, urlOnEvent = false): boolean {
    const event = new FakeEvent();
    if (urlOnEvent) {
      // Electron >= 25 style: the URL on the event, the argument left out.
      (event as FakeEvent & { url?: string }).url = url;
      this.emit(kind, event);
    } else this.emit(kind, event, url);
    return event.defaultPrevented;
  }
}

export class FakeBrowserWindow extends Emitter implements BrowserWindowLike {
  static created: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loaded: string[] = [];
  bounds: Rectangle;
  maximized = false;
  minimized = false;
  destroyed = false;
  shown = false;
  focused = false;
  constructor(readonly options: BrowserWindowOptions) {
    super();
    this.bounds = {
      x: options.x ?? 10,
      y: options.y ?? 20,
      width: options.width ?? 800,
      height: options.height ?? 600,
    };
    FakeBrowserWindow.created.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
  getBounds(): Rectangle {
    return { ...this.bounds };
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  maximize(): void {
    this.maximized = true;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focused = true;
  }
  show(): void {
    this.shown = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeIpcMain {
  handlers = new Map<string, (event: IpcMainInvokeEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: IpcMainInvokeEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Calls a handler the way Electron would for a message from `frame`. */
  async invoke(channel: string, frame: FrameLike | null, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h({ senderFrame: frame }, ...args);
  }
}

export const appFrame = (path = '/index.html'): FrameLike => ({ url: `keel://app${path}`, parent: null });

export interface FakeElectron extends ElectronLike {
  app: AppLike & Emitter & { lock: boolean; quitCalls: number; readyNow(): Promise<void>; userData: string };
  ipcMain: FakeIpcMain;
  fake: {
    schemes: unknown[];
    protocolHandlers: Map<string, (request: Request) => Response | Promise<Response>>;
    permissionRequestHandler?: PermissionRequestHandler | null;
    permissionCheckHandler?: ((wc: unknown, permission: string) => boolean) | null;
    opened: string[];
    menuTemplate?: MenuItemOptions[];
    appMenu?: unknown;
    dialogCalls: OpenDialogOptions[];
    dialogResult: { canceled: boolean; filePaths: string[] };
    displays: Rectangle[];
    errorBoxes: string[];
    forked: string[];
  };
}

export function fakeElectron(userData: string): FakeElectron {
  FakeBrowserWindow.created = [];
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((r) => (resolveReady = r));
  const fake: FakeElectron['fake'] = {
    schemes: [],
    protocolHandlers: new Map(),
    opened: [],
    dialogCalls: [],
    dialogResult: { canceled: true, filePaths: [] },
    displays: [{ x: 0, y: 0, width: 1920, height: 1080 }],
    errorBoxes: [],
    forked: [],
  };
  const app = Object.assign(new Emitter(), {
    lock: true,
    quitCalls: 0,
    userData,
    requestSingleInstanceLock() {
      return app.lock;
    },
    whenReady: () => readyPromise,
    readyNow: async () => {
      resolveReady();
      await readyPromise;
    },
    getPath: () => app.userData,
    getAppPath: () => '/app',
    getVersion: () => '9.9.9',
    quit() {
      app.quitCalls++;
    },
  });
  return {
    app: app as FakeElectron['app'],
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    protocol: {
      registerSchemesAsPrivileged: (schemes) => void fake.schemes.push(...schemes),
      handle: (scheme, handler) => void fake.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h) => void (fake.permissionRequestHandler = h),
        setPermissionCheckHandler: (h) => void (fake.permissionCheckHandler = h),
      },
    },
    shell: {
      openExternal: async (url) => void fake.opened.push(url),
    },
    dialog: {
      showErrorBox: (title, content) => void fake.errorBoxes.push(`${title}: ${content}`),
      showOpenDialog: async (_win, options) => {
        fake.dialogCalls.push(options);
        return fake.dialogResult;
      },
    },
    Menu: {
      buildFromTemplate: (template) => {
        fake.menuTemplate = template;
        return { template };
      },
      setApplicationMenu: (menu) => void (fake.appMenu = menu),
    },
    screen: { getAllDisplays: () => fake.displays.map((workArea) => ({ workArea })) },
    utilityProcess: {
      fork: (modulePath) => {
        fake.forked.push(modulePath);
        return new InProcessUtility({
          openStore: () => createMemoryStore(),
          templates: () => ({ listTemplates: () => [], readTemplate: () => undefined }),
        });
      },
    },
    fake,
  };
}

/** Finds a menu item by label anywhere in a template. */
export function findMenuItem(template: MenuItemOptions[], label: string): MenuItemOptions | undefined {
  for (const item of template) {
    if (item.label === label) return item;
    const inner = item.submenu ? findMenuItem(item.submenu, label) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/**
 * A utility process that runs the back end host in this process, with every
 * message structured-cloned and delivered on a later tick, as across a real
 * process boundary.
 */
export class InProcessUtility implements UtilityProcessLike {
  private parentListeners = new Emitter();
  private childListeners: ((event: { data: unknown }) => void)[] = [];
  exited = false;
  received: unknown[] = [];

  constructor(deps: Omit<BackendHostDeps, 'exit'>) {
    const port: ParentPortLike = {
      on: (_event, listener) => this.childListeners.push(listener),
      postMessage: (message) => {
        const copy = structuredClone(message);
        setImmediate(() => !this.exited && this.parentListeners.emit('message', copy));
      },
    };
    runBackendHost(port, { ...deps, exit: (code) => this.exit(code) });
  }
  postMessage(message: unknown): void {
    if (this.exited) return;
    this.received.push(message);
    const copy = structuredClone(message);
    setImmediate(() => {
      if (!this.exited) for (const l of this.childListeners) l({ data: copy });
    });
  }
  on(event: string, listener: (...args: never[]) => unknown): this {
    this.parentListeners.on(event, listener);
    return this;
  }
  /** The process ends (crash, kill, or exit after close). */
  exit(code: number): void {
    if (this.exited) return;
    this.exited = true;
    setImmediate(() => this.parentListeners.emit('exit', code));
  }
  kill(): boolean {
    this.exit(1);
    return true;
  }
}

export interface OpenedStore {
  path: string;
  store: ModelStore;
  closed: boolean;
}

/**
 * startDesktop with the back end as in the app (client, messages, host),
 * minus the process, over a real SQLite file; `stores` records what it opened.
 */
export function startTestDesktop(
  electron: FakeElectron,
  userData: string,
  deps: Partial<DesktopDeps> = {},
): { desktop: DesktopApp; stores: OpenedStore[] } {
  const stores: OpenedStore[] = [];
  const desktop = startDesktop(
    electron,
    { staticDir: `${userData}/no-renderer`, preloadPath: '/app/dist/desktop/preload.cjs' },
    {
      startBackend: (init) =>
        connectBackend(
          () =>
            new InProcessUtility({
              openStore: (path) => {
                const store = openSqliteStore(path);
                const entry = { path, store, closed: false };
                const close = store.close.bind(store);
                store.close = () => {
                  entry.closed = true;
                  close();
                };
                stores.push(entry);
                return store;
              },
              templates: () => ({ listTemplates: () => [], readTemplate: () => undefined }),
            }),
          init,
        ),
      log: () => {},
      argv: [],
      ...deps,
    },
  );
  return { desktop, stores };
}
