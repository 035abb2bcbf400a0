/**
 * The desktop File menu and files handed over by the OS, through the real
 * wiring (startDesktop, the back end host over a real SQLite file) with a
 * fake Electron: main shows the dialog and reads the file, the renderer only
 * receives a desktop event; a cancel or a bad file changes nothing; paths
 * the renderer names are not trusted.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DESKTOP_EVENT_CHANNEL, MENU_CHANNEL } from '../../shared/api/names';
import { fixturePath } from '../../shared/testing/fixtures';
import type { DesktopDeps } from './app';
import { EXPORT_FOLDERS_FILE } from './export-folders';
import {
  appFrame,
  FakeBrowserWindow,
  FakeEvent,
  fakeElectron,
  findMenuItem,
  startTestDesktop,
  type FakeElectron,
  type OpenedStore,
} from './fake-electron.test-helpers';

let dir: string;
let userData: string;
let electron: FakeElectron;
let stores: OpenedStore[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-file-menu-'));
  userData = join(dir, 'userData');
  electron = fakeElectron(userData);
});
afterEach(() => {
  for (const s of stores) if (!s.closed) s.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const GOOD = readFileSync(fixturePath('online-shop'), 'utf8');
const BAD = 'keel: 1\nname: Broken\nnodes:\n  api:\n    kind: servce\n';

/** Starts the app, lets the page "load", and returns helpers over the one window. */
async function started(deps: Partial<DesktopDeps> = {}, loaded = true) {
  const s = startTestDesktop(electron, userData, deps);
  stores = s.stores;
  await electron.app.readyNow();
  await s.desktop.ready;
  const win = s.desktop.window() as FakeBrowserWindow;
  if (loaded) win.webContents.emit('did-finish-load');
  const call = async (op: string, input: unknown) => electron.ipcMain.invoke(`keel:${op}`, appFrame(), input);
  const models = async () => ((await call('models.list', {})) as { result: { id: string; name: string }[] }).result;
  const events = () => win.webContents.sent.filter(([channel]) => channel === DESKTOP_EVENT_CHANNEL).map(([, e]) => e);
  const click = (label: string) => findMenuItem(electron.fake.menuTemplate!, label)!.click!();
  return { win, call, models, events, click };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('File menu in main', () => {
  it('Import shows the native dialog, reads the file in main, imports it and opens the model', async () => {
    const app = await started();
    electron.fake.dialogResult = { canceled: false, filePaths: [file('shop.keel.yaml', GOOD)] };
    app.click('Import Model File…');
    await expect.poll(app.events).toHaveLength(1);
    const [event] = app.events() as [{ type: string; id: string }];
    expect(event.type).toBe('open-model');
    expect(await app.models()).toMatchObject([{ id: event.id, name: 'Online shop' }]);
    const opened = (await app.call('models.open', { id: event.id })) as { result: { yaml: string } };
    expect(opened.result.yaml).toContain('checkout');
    // The native dialog, with the model filters; nothing went to the renderer as a menu command.
    expect(electron.fake.dialogCalls.at(-1)).toMatchObject({ title: 'Import a Keel model', properties: ['openFile'] });
    expect(electron.fake.dialogCalls.at(-1)!.filters!.map((f) => f.extensions)).toEqual([
      ['keel.yaml'],
      ['yaml', 'yml'],
      ['*'],
    ]);
    expect(app.win.webContents.sent.filter(([c]) => c === MENU_CHANNEL)).toEqual([]);
  });

  it('a cancelled dialog does nothing', async () => {
    const app = await started();
    electron.fake.dialogResult = { canceled: true, filePaths: [] };
    app.click('Open…');
    await expect.poll(() => electron.fake.dialogCalls.length).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(app.win.webContents.sent).toEqual([]);
    expect(await app.models()).toEqual([]);
  });

  it('a bad file sends its positioned problems and changes nothing', async () => {
    const app = await started();
    electron.fake.dialogResult = { canceled: false, filePaths: [file('good.keel.yaml', GOOD)] };
    app.click('Open…');
    await expect.poll(app.events).toHaveLength(1);
    const before = await app.models();

    electron.fake.dialogResult = { canceled: false, filePaths: [file('broken.keel.yaml', BAD)] };
    app.click('Open…');
    await expect.poll(app.events).toHaveLength(2);
    expect(app.events()[1]).toMatchObject({
      type: 'import-failed',
      fileName: 'broken.keel.yaml',
      problems: [
        { file: 'broken.keel.yaml', line: 5, col: expect.any(Number), message: expect.stringMatching(/servce|kind/) },
      ],
    });
    expect(await app.models()).toEqual(before);
  });

  it('a file that cannot be read (a folder) is reported, not imported', async () => {
    const app = await started();
    electron.fake.dialogResult = { canceled: false, filePaths: [dir] };
    app.click('Import Model File…');
    await expect.poll(app.events).toHaveLength(1);
    expect(app.events()[0]).toMatchObject({
      type: 'import-failed',
      problems: [],
      message: expect.stringContaining('not a file'),
    });
    expect(await app.models()).toEqual([]);
  });

  it('New creates a blank model and opens it', async () => {
    const app = await started();
    app.click('New Model');
    await expect.poll(app.events).toHaveLength(1);
    const [event] = app.events() as [{ type: string; id: string }];
    expect(event).toMatchObject({ type: 'open-model' });
    expect(await app.models()).toMatchObject([{ id: event.id, name: 'Untitled system' }]);
  });

  it('New from Template, Snapshots and Export go to the renderer as commands', async () => {
    const app = await started();
    app.click('New from Template…');
    app.click('Snapshots…');
    app.click('Export Design Package…');
    expect(app.win.webContents.sent).toEqual([
      [MENU_CHANNEL, 'new-from-template'],
      [MENU_CHANNEL, 'snapshot'],
      [MENU_CHANNEL, 'export'],
    ]);
  });
});

describe('files from the OS', () => {
  it('imports files on the first command line once the page has loaded', async () => {
    const path = file('start.keel.yaml', GOOD);
    const app = await started(
      { argv: ['/opt/Keel/keel', '--no-sandbox', 'start.keel.yaml', 'notes.txt'], cwd: dir },
      false,
    );
    await expect.poll(async () => (await app.models()).length).toBe(1);
    expect(app.events()).toEqual([]); // the page has not loaded yet: held back
    app.win.webContents.emit('did-finish-load');
    expect(app.events()).toMatchObject([{ type: 'open-model', id: (await app.models())[0]!.id }]);
    expect(existsSync(path)).toBe(true);
  });

  it('imports the file a second instance was started with, resolved against its folder', async () => {
    const app = await started();
    mkdirSync(join(dir, 'work'));
    file('work/second.keel.yaml', GOOD);
    app.win.minimized = true;
    electron.app.emit('second-instance', {}, ['/opt/Keel/keel', 'second.keel.yaml'], join(dir, 'work'));
    await expect.poll(app.events).toHaveLength(1);
    expect(app.events()[0]).toMatchObject({ type: 'open-model' });
    expect(app.win.minimized).toBe(false);
    expect(app.win.focused).toBe(true);
  });

  it('macOS open-file: imported and opened; a bad one reported, even before ready', async () => {
    const early = new FakeEvent();
    const s = startTestDesktop(electron, userData);
    stores = s.stores;
    electron.app.emit('open-file', early, file('early.keel.yaml', BAD));
    expect(early.defaultPrevented).toBe(true);
    await electron.app.readyNow();
    await s.desktop.ready;
    const win = s.desktop.window() as FakeBrowserWindow;
    win.webContents.emit('did-finish-load');
    await expect.poll(() => win.webContents.sent.length).toBe(1);
    expect(win.webContents.sent[0]).toMatchObject([
      DESKTOP_EVENT_CHANNEL,
      { type: 'import-failed', fileName: 'early.keel.yaml' },
    ]);

    electron.app.emit('open-file', new FakeEvent(), file('late.keel.yaml', GOOD));
    await expect.poll(() => win.webContents.sent.length).toBe(2);
    expect(win.webContents.sent[1]).toMatchObject([DESKTOP_EVENT_CHANNEL, { type: 'open-model' }]);
  });
});

describe('paths from the renderer are not trusted', () => {
  it('no operation reads a path the renderer names', async () => {
    const app = await started();
    const secret = file('secret.keel.yaml', GOOD);
    for (const [op, input] of [
      ['dialog.openModelFile', { purpose: 'open', path: secret }],
      ['models.import', { fileName: secret, path: secret }],
      ['models.import', { fileName: 'x.keel.yaml', text: GOOD, into: '../secret' }],
    ] as const) {
      expect(await app.call(op, input), op).toMatchObject({ error: { code: 'invalid-input' } });
    }
    expect(electron.fake.dialogCalls).toEqual([]);
    expect(await app.models()).toEqual([]);
  });

  it('exports only into a folder the user picked in the native dialog (remembered across restarts)', async () => {
    const app = await started();
    const picked = join(dir, 'picked');
    const other = join(dir, 'elsewhere');
    mkdirSync(picked);
    const exportInto = (outDir: string) => app.call('export.package', { yaml: GOOD, outDir });

    expect(await exportInto(other)).toMatchObject({ error: { code: 'forbidden' } });
    expect(existsSync(other)).toBe(false);

    electron.fake.dialogResult = { canceled: true, filePaths: [] };
    expect(await app.call('dialog.pickFolder', {})).toEqual({ result: { canceled: true } });
    expect(await exportInto(picked)).toMatchObject({ error: { code: 'forbidden' } });

    electron.fake.dialogResult = { canceled: false, filePaths: [picked] };
    expect(await app.call('dialog.pickFolder', {})).toEqual({ result: { path: picked } });
    expect(await exportInto(picked)).toMatchObject({ result: { dir: picked } });
    expect(readdirSync(picked)).toContain('architecture.svg');
    // A folder inside the picked one is fine; a way out of it is not.
    expect(await exportInto(join(picked, 'docs', 'architecture'))).toMatchObject({ result: {} });
    expect(await exportInto(join(picked, '..', 'elsewhere'))).toMatchObject({ error: { code: 'forbidden' } });
    expect(existsSync(other)).toBe(false);
    expect(JSON.parse(readFileSync(join(userData, EXPORT_FOLDERS_FILE), 'utf8'))).toEqual([picked]);

    // After a restart the picked folder is still allowed.
    electron.app.emit('before-quit');
    await expect.poll(() => stores[0]!.closed).toBe(true);
    electron = fakeElectron(userData);
    const again = await started();
    expect(await again.call('export.package', { yaml: GOOD, outDir: picked })).toMatchObject({
      result: { dir: picked },
    });
    expect(await again.call('export.package', { yaml: GOOD, outDir: other })).toMatchObject({
      error: { code: 'forbidden' },
    });
  });
});
