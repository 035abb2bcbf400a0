import { describe, expect, it } from 'vitest';
import { ipcChannel, OPERATION_NAMES } from '../../shared/api/names';
import { createHandlers } from '../services/handlers';
import { createMemoryStore } from '../store/memory-store';
import { appFrame, FakeIpcMain } from './fake-electron.test-helpers';
import { isTrustedSender, registerIpc, runLocally } from './ipc';

function setup() {
  const ipcMain = new FakeIpcMain();
  const handlers = createHandlers({
    store: createMemoryStore(),
    templates: { listTemplates: () => [], readTemplate: () => undefined },
    mode: 'desktop',
  });
  const logged: string[] = [];
  const unregister = registerIpc(ipcMain, runLocally(handlers), (m) => logged.push(m));
  return { ipcMain, unregister, logged };
}

describe('IPC', () => {
  it('registers one channel per contract operation, and removes them', () => {
    const { ipcMain, unregister } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(OPERATION_NAMES.map(ipcChannel).sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('runs operations for the app frame', async () => {
    const { ipcMain } = setup();
    expect(await ipcMain.invoke('keel:models.list', appFrame(), {})).toEqual({ result: [] });
    expect(await ipcMain.invoke('keel:app.info', appFrame('/'), {})).toMatchObject({ result: { mode: 'desktop' } });
  });

  it('refuses a foreign sender: another origin, a subframe, no frame', async () => {
    const { ipcMain, logged } = setup();
    const foreign = [
      { url: 'https://evil.example/', parent: null },
      { url: 'file:///tmp/x.html', parent: null },
      { url: 'keel://app/index.html', parent: appFrame() },
      { url: 'keel://apps/index.html', parent: null },
      null,
    ];
    for (const frame of foreign) {
      expect(await ipcMain.invoke('keel:models.list', frame, {})).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect(logged).toHaveLength(foreign.length);
    expect(isTrustedSender(appFrame())).toBe(true);
  });

  it('refuses an invalid input with the schema message', async () => {
    const { ipcMain } = setup();
    const res = (await ipcMain.invoke('keel:models.open', appFrame(), { id: '../../x' })) as {
      error: { code: string; message: string };
    };
    expect(res.error.code).toBe('invalid-input');
    expect(res.error.message).toMatch(/id/);
    expect(await ipcMain.invoke('keel:models.list', appFrame(), 'not an object')).toMatchObject({
      error: { code: 'invalid-input' },
    });
  });
});
