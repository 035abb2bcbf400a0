import { describe, expect, it } from 'vitest';
import { DESKTOP_EVENT_CHANNEL, ipcChannel, MENU_CHANNEL, OPERATION_NAMES } from '../../shared/api/names';
import { buildBridge } from './bridge';
import type { IpcRendererLike } from './electron-types';

function fakeIpcRenderer() {
  const invoked: unknown[][] = [];
  const listeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();
  const ipc: IpcRendererLike = {
    invoke: async (...args) => {
      invoked.push(args);
      return { result: 'ok' };
    },
    on: (channel, l) => listeners.set(channel, [...(listeners.get(channel) ?? []), l]),
    removeListener: (channel, l) =>
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((x) => x !== l),
      ),
  };
  const emit = (channel: string, ...args: unknown[]) =>
    (listeners.get(channel) ?? []).forEach((l) => l({ sender: 'secret' }, ...args));
  return { ipc, invoked, listeners, emit };
}

describe('preload bridge', () => {
  it('exposes exactly one function per operation plus the two subscriptions, and nothing raw', () => {
    const { ipc } = fakeIpcRenderer();
    const bridge = buildBridge(ipc) as unknown as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...OPERATION_NAMES, 'onDesktopEvent', 'onMenuCommand'].sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.values(bridge)).not.toContain(ipc);
  });

  it('invokes the operation channel with only the input', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    const bridge = buildBridge(ipc);
    expect(await bridge['models.open']({ id: 'a' })).toEqual({ result: 'ok' });
    await (bridge['models.list'] as unknown as (i?: unknown, extra?: unknown) => Promise<unknown>)(undefined, 'extra');
    expect(invoked).toEqual([
      [ipcChannel('models.open'), { id: 'a' }],
      [ipcChannel('models.list'), {}],
    ]);
  });

  it('passes known menu commands (without the IPC event) and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpcRenderer();
    const bridge = buildBridge(ipc);
    const got: unknown[][] = [];
    const off = bridge.onMenuCommand((...args) => got.push(args));
    emit(MENU_CHANNEL, 'undo');
    emit(MENU_CHANNEL, 'rm -rf');
    emit(MENU_CHANNEL, { command: 'undo' });
    expect(got).toEqual([['undo']]);
    off();
    expect(listeners.get(MENU_CHANNEL)).toEqual([]);
    expect(() => bridge.onMenuCommand('x' as never)).toThrow(TypeError);
  });

  it('passes only well-formed desktop events (a model id, positioned problems)', () => {
    const { ipc, emit, listeners } = fakeIpcRenderer();
    const bridge = buildBridge(ipc);
    const got: unknown[][] = [];
    const off = bridge.onDesktopEvent((...args) => got.push(args));
    const failed = {
      type: 'import-failed',
      fileName: 'a.keel.yaml',
      problems: [{ file: 'a.keel.yaml', line: 3, col: 5, message: 'unknown kind' }],
    };
    emit(DESKTOP_EVENT_CHANNEL, { type: 'open-model', id: 'm1' });
    emit(DESKTOP_EVENT_CHANNEL, failed);
    emit(DESKTOP_EVENT_CHANNEL, { type: 'open-model', id: '../../etc/passwd' });
    emit(DESKTOP_EVENT_CHANNEL, { type: 'open-file', path: '/etc/passwd' });
    emit(DESKTOP_EVENT_CHANNEL, { ...failed, problems: [{ file: 'a', line: '3' }] });
    expect(got).toEqual([[{ type: 'open-model', id: 'm1' }], [failed]]);
    off();
    expect(listeners.get(DESKTOP_EVENT_CHANNEL)).toEqual([]);
  });
});
