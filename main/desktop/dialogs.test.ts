import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDialogs } from './dialogs';
import { FakeBrowserWindow, fakeElectron } from './fake-electron.test-helpers';

const dir = mkdtempSync(join(tmpdir(), 'keel-dialogs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('native dialogs', () => {
  const electron = fakeElectron(dir);
  const win = new FakeBrowserWindow({});
  const dialogs = createDialogs(electron.dialog, () => win);

  it('reads the chosen model file in main and returns its name and text', async () => {
    const file = join(dir, 'shop.keel.yaml');
    writeFileSync(file, 'keel: 1\nname: Shop\nnodes: {}\n');
    electron.fake.dialogResult = { canceled: false, filePaths: [file] };
    expect(await dialogs.openModelFile('import')).toEqual({
      fileName: 'shop.keel.yaml',
      text: 'keel: 1\nname: Shop\nnodes: {}\n',
    });
    expect(electron.fake.dialogCalls.at(-1)).toMatchObject({ properties: ['openFile'], title: 'Import a Keel model' });
  });

  it('refuses a file over 20 MiB', async () => {
    const big = join(dir, 'big.keel.yaml');
    writeFileSync(big, '');
    truncateSync(big, 21 * 1024 * 1024);
    electron.fake.dialogResult = { canceled: false, filePaths: [big] };
    await expect(dialogs.openModelFile('open')).rejects.toMatchObject({ code: 'too-large' });
  });

  it('reports cancel, and picks folders', async () => {
    electron.fake.dialogResult = { canceled: true, filePaths: [] };
    expect(await dialogs.openModelFile('open')).toEqual({ canceled: true });
    expect(await dialogs.pickFolder()).toEqual({ canceled: true });
    electron.fake.dialogResult = { canceled: false, filePaths: [dir] };
    expect(await dialogs.pickFolder('Export to')).toEqual({ path: dir });
    expect(electron.fake.dialogCalls.at(-1)).toMatchObject({
      title: 'Export to',
      properties: ['openDirectory', 'createDirectory'],
    });
    expect(await createDialogs(electron.dialog, () => undefined).pickFolder()).toEqual({ canceled: true });
  });
});
