/**
 * The bundles Electron would load, built for real with esbuild and then run:
 * the preload in a vm with a fake `require`, main.cjs in a child Node process
 * whose `electron` is a recording fake (the real one is not installed here).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../shared/api/names';
import { buildDesktop } from './build';

const ROOT = resolve(__dirname, '../..');
let out: string;
let files: { main: string; preload: string };

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'keel-desktop-build-'));
  files = await buildDesktop(ROOT, out);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('desktop bundles', () => {
  it('bundles the preload to one CommonJS file that requires only electron', () => {
    const code = readFileSync(files.preload, 'utf8');
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(code).not.toMatch(/from ['"]zod['"]|ZodType/);
  });

  it('runs the preload: exposes window.keel with one function per operation', () => {
    const exposed: [string, Record<string, unknown>][] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push([key, api]) },
      ipcRenderer: { invoke: async () => ({ result: null }), on: () => {}, removeListener: () => {} },
    };
    const module = { exports: {} };
    runInNewContext(readFileSync(files.preload, 'utf8'), {
      require: (id: string) => {
        if (id !== 'electron') throw new Error(`sandboxed preload may not require ${id}`);
        return fakeElectron;
      },
      module,
      exports: module.exports,
    });
    expect(exposed.map(([k]) => k)).toEqual(['keel']);
    expect(Object.keys(exposed[0]![1]).sort()).toEqual([...OPERATION_NAMES, 'onMenuCommand'].sort());
  });

  it('keeps electron and better-sqlite3 external in main.cjs, which starts the app under a fake Electron', () => {
    const code = readFileSync(files.main, 'utf8');
    expect(code).toMatch(/require\("electron"\)/);
    expect(code).toMatch(/require\("better-sqlite3"\)/);
    expect(code).not.toMatch(/NODE_MODULE_VERSION/); // the addon's loader is not inlined

    const userData = join(out, 'userData');
    const fake = join(out, 'fake-electron.cjs');
    writeFileSync(
      fake,
      `const log = (e) => process.stdout.write(JSON.stringify(e) + '\\n');
      const handlers = {};
      const app = {
        requestSingleInstanceLock: () => true,
        whenReady: () => Promise.resolve(),
        getPath: () => ${JSON.stringify(userData)},
        getAppPath: () => ${JSON.stringify(ROOT)},
        getVersion: () => '0.0.0-test',
        quit: () => log({ quit: true }),
        on: () => {},
      };
      class BrowserWindow {
        constructor(o) { log({ window: o.webPreferences }); this.webContents = { on() {}, setWindowOpenHandler() {}, send() {} }; }
        loadURL(u) { log({ loadURL: u }); setTimeout(() => process.exit(0), 50); return Promise.resolve(); }
        getBounds() { return { x: 0, y: 0, width: 1, height: 1 }; }
        isMaximized() { return false; } isMinimized() { return false; } isDestroyed() { return false; }
        maximize() {} restore() {} focus() {} show() {} on() {} once() {}
      }
      module.exports = {
        app, BrowserWindow,
        ipcMain: { handle: (c) => { handlers[c] = true; }, removeHandler() {} },
        protocol: { registerSchemesAsPrivileged: (s) => log({ schemes: s.map((x) => x.scheme) }), handle: (s) => log({ protocol: s }) },
        session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} } },
        shell: { openExternal: async () => {} },
        dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showErrorBox: (t, c) => log({ error: c }) },
        Menu: { buildFromTemplate: (t) => t, setApplicationMenu: () => log({ ipc: Object.keys(handlers).length }) },
        screen: { getAllDisplays: () => [] },
      };`,
    );
    const hook = join(out, 'hook.cjs');
    const sqlite = createRequire(join(ROOT, 'package.json')).resolve('better-sqlite3');
    writeFileSync(
      hook,
      `const Module = require('module');
      const original = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        if (request === 'electron') return ${JSON.stringify(fake)};
        if (request === 'better-sqlite3') return ${JSON.stringify(sqlite)};
        return original.call(this, request, ...rest);
      };`,
    );
    const run = spawnSync(process.execPath, ['--require', hook, files.main], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    const events = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events).toContainEqual({ schemes: ['keel'] });
    expect(events).toContainEqual({ protocol: 'keel' });
    expect(events).toContainEqual({ ipc: OPERATION_NAMES.length });
    expect(events).toContainEqual({ loadURL: 'keel://app/index.html' });
    const win = events.find((e) => 'window' in e)!.window as Record<string, unknown>;
    expect(win).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: join(out, 'preload.cjs'),
    });
    expect(events.find((e) => 'error' in e)).toBeUndefined();
    expect(run.status).toBe(0);
  });
});
