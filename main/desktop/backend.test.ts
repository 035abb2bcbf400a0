import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory-store';
import type { ModelStore } from '../store/types';
import { connectBackend } from './backend-client';
import { InProcessUtility } from './fake-electron.test-helpers';

const init = { storePath: ':memory:', version: '1.0.0' };
const noTemplates = () => ({ listTemplates: () => [], readTemplate: () => undefined });

function spawner(openStore: (path: string) => ModelStore = () => createMemoryStore()) {
  const procs: InProcessUtility[] = [];
  const fork = () => {
    const p = new InProcessUtility({ openStore, templates: noTemplates });
    procs.push(p);
    return p;
  };
  return { procs, fork };
}

describe('back end process client', () => {
  it('initialises the store and answers concurrent calls by id', async () => {
    const { fork, procs } = spawner();
    const backend = connectBackend(fork, init);
    await backend.ready;
    expect(procs[0]!.received[0]).toEqual({ type: 'init', init });
    const [a, b, c] = await Promise.all([
      backend.call('models.create', { name: 'A' }),
      backend.call('models.create', { name: 'B' }),
      backend.call('app.info', {}),
    ]);
    expect(a).toMatchObject({ result: { name: 'A' } });
    expect(b).toMatchObject({ result: { name: 'B' } });
    expect(c).toEqual({ result: { version: '1.0.0', mode: 'desktop', storePath: ':memory:' } });
    expect(await backend.call('models.open', { id: '../x' })).toMatchObject({ error: { code: 'invalid-input' } });
  });

  it('answers calls in flight with an error when the process dies, and starts a new one on the next call', async () => {
    const { fork, procs } = spawner();
    const logged: string[] = [];
    const backend = connectBackend(fork, init, (m) => logged.push(m));
    await backend.ready;
    const inFlight = backend.call('models.list', {});
    procs[0]!.kill();
    expect(await inFlight).toMatchObject({ error: { code: 'internal', message: expect.stringMatching(/stopped/) } });
    expect(logged).toEqual(['keel: the back end process exited with code 1']);
    expect(await backend.call('models.list', {})).toEqual({ result: [] });
    expect(procs).toHaveLength(2);
  });

  it('rejects ready with the store error, and calls report it', async () => {
    const { fork } = spawner(() => {
      throw new Error('keel.db is damaged');
    });
    const backend = connectBackend(fork, init);
    await expect(backend.ready).rejects.toThrow('keel.db is damaged');
    expect(await backend.call('models.list', {})).toEqual({
      error: { code: 'internal', message: 'keel.db is damaged' },
    });
  });

  it('closes the store and lets the process exit on close', async () => {
    let closed = false;
    const { fork, procs } = spawner(() => {
      const store = createMemoryStore();
      return { ...store, close: () => (closed = true) };
    });
    const backend = connectBackend(fork, init);
    await backend.ready;
    backend.close();
    await expect.poll(() => closed).toBe(true);
    expect(procs[0]!.exited).toBe(true);
    expect(await backend.call('models.list', {})).toMatchObject({ error: { message: 'Keel is closing' } });
  });
});
