import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATION_NAMES, ipcChannel } from '../../shared/api/names';
import { CONTENT_SECURITY_POLICY } from '../server/security';
import { StoreError } from '../store/types';
import { startDesktop } from './app';
import { connectBackend } from './backend-client';
import {
  appFrame,
  FakeBrowserWindow,
  InProcessUtility,
  FakeWebContents,
  fakeElectron,
  findMenuItem,
  startTestDesktop,
  type FakeElectron,
  type OpenedStore,
} from './fake-electron.test-helpers';

let userData: string;
let electron: FakeElectron;
let stores: OpenedStore[];

beforeEach(() => {
  userData = join(mkdtempSync(join(tmpdir(), 'keel-app-')), 'userData');
  electron = fakeElectron(userData);
  stores = [];
});
afterEach(() => {
  for (const s of stores) if (!s.closed) s.store.close();
  rmSync(join(userData, '..'), { recursive: true, force: true });
});

function start() {
  const started = startTestDesktop(electron, userData);
  stores = started.stores;
  return started.desktop;
}

describe('startDesktop', () => {
  it('quits when another instance holds the lock', async () => {
    electron.app.lock = false;
    const desktop = start();
    await electron.app.readyNow();
    await desktop.ready;
    expect(desktop.primary).toBe(false);
    expect(electron.app.quitCalls).toBe(1);
    expect(FakeBrowserWindow.created).toHaveLength(0);
    expect(stores).toHaveLength(0);
  });

  it('registers the scheme before ready and wires everything once ready', async () => {
    const desktop = start();
    expect(electron.fake.schemes).toHaveLength(1);
    expect(FakeBrowserWindow.created).toHaveLength(0);
    await electron.app.readyNow();
    await desktop.ready;

    // Store in userData/keel.db (a real SQLite file).
    expect(stores.map((s) => s.path)).toEqual([join(userData, 'keel.db')]);
    expect(existsSync(join(userData, 'keel.db'))).toBe(true);
    // Permissions denied.
    let granted: boolean | undefined;
    electron.fake.permissionRequestHandler!({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    // Protocol answers with the CSP.
    const res = await electron.fake.protocolHandlers.get('keel')!(new Request('keel://app/index.html'));
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    // Every operation over IPC, in desktop mode.
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(OPERATION_NAMES.map(ipcChannel).sort());
    expect(await electron.ipcMain.invoke('keel:app.info', appFrame(), {})).toMatchObject({
      result: { mode: 'desktop', version: '9.9.9', storePath: join(userData, 'keel.db') },
    });
    // The menu is installed and reaches the window.
    expect(electron.fake.appMenu).toBeDefined();
    const win = desktop.window() as FakeBrowserWindow;
    expect(win).toBe(FakeBrowserWindow.created[0]);
    findMenuItem(electron.fake.menuTemplate!, 'Auto Layout')!.click!();
    expect(win.webContents.sent).toEqual([['keel:menu', 'layout']]);
    // Dialog operations use the native dialog.
    electron.fake.dialogResult = { canceled: false, filePaths: [userData] };
    expect(await electron.ipcMain.invoke('keel:dialog.pickFolder', appFrame(), {})).toEqual({
      result: { path: userData },
    });
  });

  it('shows an error and quits when the store cannot be opened', async () => {
    const desktop = startDesktop(
      electron,
      { staticDir: userData, preloadPath: '/p.cjs' },
      {
        startBackend: (init) =>
          connectBackend(
            () =>
              new InProcessUtility({
                openStore: () => {
                  throw new StoreError('too-new', 'keel.db was written by a newer Keel');
                },
                templates: () => ({ listTemplates: () => [], readTemplate: () => undefined }),
              }),
            init,
          ),
      },
    );
    await electron.app.readyNow();
    await desktop.ready;
    expect(electron.fake.errorBoxes).toEqual(['Keel cannot start: keel.db was written by a newer Keel']);
    expect(electron.app.quitCalls).toBe(1);
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('guards every webContents the app creates', async () => {
    start();
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('focuses the window on a second instance and closes the store on quit', async () => {
    const desktop = start();
    await electron.app.readyNow();
    await desktop.ready;
    const win = desktop.window() as FakeBrowserWindow;
    win.minimized = true;
    electron.app.emit('second-instance');
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);
    electron.app.emit('before-quit');
    await expect.poll(() => stores[0]!.closed).toBe(true);
    electron.app.emit('window-all-closed');
    expect(electron.app.quitCalls).toBe(1);
  });
});
