import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_URL } from './app-protocol';
import { FakeBrowserWindow, fakeElectron, type FakeElectron } from './fake-electron.test-helpers';
import { createMainWindow } from './window';
import { WINDOW_STATE_FILE } from './window-state';

let userData: string;
let electron: FakeElectron;
beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'keel-window-'));
  electron = fakeElectron(userData);
});
afterEach(() => rmSync(userData, { recursive: true, force: true }));

const open = () =>
  createMainWindow(electron, { preloadPath: '/app/dist/desktop/preload.cjs', userData }) as FakeBrowserWindow;

describe('createMainWindow', () => {
  it('creates a sandboxed, isolated window without node integration', () => {
    const win = open();
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/dist/desktop/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(win.options.show).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('loads the app from keel://app, not file://', () => {
    expect(open().loaded).toEqual([APP_URL]);
    expect(APP_URL).toBe('keel://app/index.html');
  });

  it('prevents navigation and redirects away from the app origin', () => {
    const wc = open().webContents;
    for (const kind of ['will-navigate', 'will-frame-navigate', 'will-redirect'] as const) {
      expect(wc.navigate(kind, 'https://evil.example/', true), `${kind} (url on the event)`).toBe(true);
      expect(wc.navigate(kind, 'keel://app/index.html', true)).toBe(false);
      expect(wc.navigate(kind, 'https://evil.example/'), kind).toBe(true);
      expect(wc.navigate(kind, 'file:///etc/passwd')).toBe(true);
      expect(wc.navigate(kind, 'keel://other/index.html')).toBe(true);
      expect(wc.navigate(kind, 'http://127.0.0.1:8080/')).toBe(true);
      expect(wc.navigate(kind, 'javascript:alert(1)')).toBe(true);
      expect(wc.navigate(kind, 'keel://app/index.html#/model/x')).toBe(false);
    }
  });

  it('denies every new window; only safe http(s) links go to the system browser', async () => {
    const wc = open().webContents;
    const handler = wc.windowOpenHandler!;
    for (const url of [
      'https://example.com/docs',
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-settings:',
      'https://user:pw@example.com/',
      'keel://app/index.html',
    ]) {
      expect(handler({ url }), url).toEqual({ action: 'deny' });
    }
    await new Promise((r) => setTimeout(r, 0));
    expect(electron.fake.opened).toEqual(['https://example.com/docs', 'http://example.com/']);
  });

  it('refuses <webview> tags', () => {
    const wc = open().webContents;
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    wc.emit('will-attach-webview', event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('remembers bounds and maximized state in userData/window-state.json', () => {
    const first = open();
    first.bounds = { x: 100, y: 120, width: 1200, height: 800 };
    first.maximized = true;
    first.emit('close');
    const saved = JSON.parse(readFileSync(join(userData, WINDOW_STATE_FILE), 'utf8'));
    expect(saved).toEqual({ x: 100, y: 120, width: 1200, height: 800, maximized: true });
    const second = open();
    expect(second.options).toMatchObject({ x: 100, y: 120, width: 1200, height: 800 });
    expect(second.maximized).toBe(true);
  });

  it('ignores a damaged state file and a position on a display that is gone', () => {
    writeFileSync(join(userData, WINDOW_STATE_FILE), '{not json');
    expect(open().options).toMatchObject({ width: 1440, height: 900 });
    writeFileSync(join(userData, WINDOW_STATE_FILE), JSON.stringify({ x: 5000, y: 5000, width: 1000, height: 700 }));
    const win = open();
    expect(win.options.x).toBeUndefined();
    expect(win.options.width).toBe(1000);
    writeFileSync(join(userData, WINDOW_STATE_FILE), JSON.stringify({ width: 'huge', height: 1 }));
    expect(open().options).toMatchObject({ width: 1440, height: 900 });
  });
});
