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
import { openSqliteStore } from '../store/sqlite-store';
import { buildDesktop } from './build';

const ROOT = resolve(__dirname, '../..');
let out: string;
let files: { main: string; backend: string; preload: string };

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
    expect(Object.keys(exposed[0]![1]).sort()).toEqual([...OPERATION_NAMES, 'onDesktopEvent', 'onMenuCommand'].sort());
  });

  it('keeps the addon out of main.cjs: only the back end process loads better-sqlite3', () => {
    const main = readFileSync(files.main, 'utf8');
    expect(main).toMatch(/require\("electron"\)/);
    expect(main).not.toMatch(/require\("better-sqlite3"\)/);
    const backend = readFileSync(files.backend, 'utf8');
    expect(backend).toMatch(/require\("better-sqlite3"\)/);
    expect(backend).not.toMatch(/require\("electron"\)/);
  });

  it('main.cjs starts the app under a fake Electron; its back end process stores a model created over IPC', () => {
    const userData = join(out, 'userData');
    const sqlite = createRequire(join(ROOT, 'package.json')).resolve('better-sqlite3');
    // Module resolution for the bundles in a temp folder: electron is the fake, the addon the repo's.
    const hook = join(out, 'hook.cjs');
    const fake = join(out, 'fake-electron.cjs');
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
    // Inside the forked back end: Electron's process.parentPort over Node's IPC channel.
    const parentPort = join(out, 'parent-port.cjs');
    writeFileSync(
      parentPort,
      `process.parentPort = { on: (e, l) => process.on('message', (data) => l({ data })), postMessage: (m) => process.send(m) };
      process.on('disconnect', () => process.exit(0));`,
    );
    writeFileSync(
      fake,
      `const log = (e) => process.stdout.write(JSON.stringify(e) + '\\n');
      const handlers = {};
      const frame = { url: 'keel://app/index.html', parent: null };
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
        async loadURL(u) {
          log({ loadURL: u });
          const created = await handlers['keel:models.create']({ senderFrame: frame }, { name: 'Smoke', template: 'ecommerce-microservices' });
          log({ created: created.result ? created.result.name : created.error });
          const foreign = await handlers['keel:models.list']({ senderFrame: { url: 'https://evil.example/', parent: null } }, {});
          log({ foreign: foreign.error && foreign.error.code });
          const info = await handlers['keel:app.info']({ senderFrame: frame }, {});
          log({ info: info.result });
          process.exit(0);
        }
        getBounds() { return { x: 0, y: 0, width: 1, height: 1 }; }
        isMaximized() { return false; } isMinimized() { return false; } isDestroyed() { return false; }
        maximize() {} restore() {} focus() {} show() {} on() {} once() {}
      }
      module.exports = {
        app, BrowserWindow,
        ipcMain: { handle: (c, h) => { handlers[c] = h; }, removeHandler() {} },
        protocol: { registerSchemesAsPrivileged: (s) => log({ schemes: s.map((x) => x.scheme) }), handle: (s) => log({ protocol: s }) },
        session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} } },
        shell: { openExternal: async () => {} },
        dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showErrorBox: (t, c) => log({ error: c }) },
        Menu: { buildFromTemplate: (t) => t, setApplicationMenu: () => log({ ipc: Object.keys(handlers).length }) },
        screen: { getAllDisplays: () => [] },
        utilityProcess: {
          fork: (modulePath, args, options) => {
            log({ fork: modulePath, serviceName: options.serviceName });
            const child = require('child_process').fork(modulePath, args, {
              execArgv: ['--require', ${JSON.stringify(hook)}, '--require', ${JSON.stringify(parentPort)}],
              stdio: 'inherit',
            });
            return {
              postMessage: (m) => child.send(m),
              on: (event, l) => child.on(event, l),
              kill: () => child.kill(),
            };
          },
        },
      };`,
    );
    const run = spawnSync(process.execPath, ['--require', hook, files.main], { encoding: 'utf8', timeout: 60_000 });
    // The only line on stderr: the refused foreign sender.
    expect(run.stderr.trim()).toBe('keel: refused models.list from https://evil.example/');
    const events = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events).toContainEqual({ schemes: ['keel'] });
    expect(events).toContainEqual({ protocol: 'keel' });
    expect(events).toContainEqual({ fork: files.backend, serviceName: 'Keel back end' });
    expect(events).toContainEqual({ ipc: OPERATION_NAMES.length });
    expect(events).toContainEqual({ loadURL: 'keel://app/index.html' });
    expect(events).toContainEqual({ created: 'Smoke' });
    expect(events).toContainEqual({ foreign: 'forbidden' });
    expect(events).toContainEqual({
      info: { version: '0.0.0-test', mode: 'desktop', storePath: join(userData, 'keel.db') },
    });
    const win = events.find((e) => 'window' in e)!.window as Record<string, unknown>;
    expect(win).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: join(out, 'preload.cjs'),
    });
    expect(events.find((e) => 'error' in e)).toBeUndefined();
    expect(run.status).toBe(0);
    // The model reached the SQLite file in userData, written by the back end process.
    const store = openSqliteStore(join(userData, 'keel.db'));
    try {
      expect(store.listModels().map((m) => m.name)).toEqual(['Smoke']);
    } finally {
      store.close();
    }
  });
});
