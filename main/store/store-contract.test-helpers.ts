/**
 * The behaviour every ModelStore must have, run against each implementation
 * (memory-store.test.ts, sqlite-store.test.ts). A factory gets the options
 * (an injected clock, the coalescing window) and returns a fresh, empty store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError, type ModelStore, type StoreOptions } from './types';

export type StoreFactory = (options: StoreOptions) => ModelStore;

export function testClock(start = '2026-03-01T09:00:00.000Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

function expectStoreError(fn: () => unknown, code: StoreError['code']): StoreError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe(code);
    return err as StoreError;
  }
  throw new Error(`expected StoreError '${code}', nothing was thrown`);
}

const Y = (n: number | string) => `keel: 1\nname: Shop\n# version ${n}\n`;

export function storeContract(label: string, factory: StoreFactory): void {
  describe(`ModelStore contract: ${label}`, () => {
    const open: ModelStore[] = [];
    const make = (options: StoreOptions = {}) => {
      const clock = testClock();
      const store = factory({ now: clock.now, ...options });
      open.push(store);
      return { store, clock };
    };
    afterEach(() => {
      for (const s of open.splice(0)) s.close();
    });

    it('creates a model with a random url-safe id and a first revision', () => {
      const { store } = make();
      const a = store.createModel({ name: 'Shop', yaml: Y(1), message: 'first' });
      const b = store.createModel({ name: 'Shop', yaml: Y(1) });
      expect(a.summary.id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
      expect(a.summary.id).not.toBe(b.summary.id);
      expect(a.summary.id.toLowerCase()).not.toContain('shop');
      expect(a.summary).toMatchObject({ name: 'Shop', revisions: 1, deletedAt: null, createdAt: '2026-03-01T09:00:00.000Z' });
      expect(a.head).toMatchObject({ revision: 1, yaml: Y(1), message: 'first', kind: 'save' });
      expect(a.head.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(b.head.message).toBe('');
      expect(a.viewState).toEqual({});
      expect(store.createModel({ name: ' Imported ', yaml: Y(2), kind: 'import' }).head.kind).toBe('import');
    });

    it('rejects empty names and unknown kinds with an invalid error', () => {
      const { store } = make();
      expectStoreError(() => store.createModel({ name: '  ', yaml: Y(1) }), 'invalid');
      const { summary } = store.createModel({ name: 'A', yaml: Y(1) });
      expectStoreError(() => store.renameModel(summary.id, ''), 'invalid');
      expectStoreError(() => store.renameModel(summary.id, 'x'.repeat(201)), 'invalid');
      // @ts-expect-error a kind the type does not allow
      expectStoreError(() => store.saveRevision(summary.id, { yaml: Y(2), kind: 'bogus' }), 'invalid');
      expectStoreError(() => store.getRevision(summary.id, 0), 'invalid');
      expect(store.history(summary.id)).toHaveLength(1);
    });

    it('throws not-found for unknown models and revisions', () => {
      const { store } = make();
      const err = expectStoreError(() => store.getModel('nope'), 'not-found');
      expect(err.message).toContain('nope');
      expectStoreError(() => store.saveRevision('nope', { yaml: Y(1), kind: 'save' }), 'not-found');
      expectStoreError(() => store.history('nope'), 'not-found');
      expectStoreError(() => store.renameModel('nope', 'x'), 'not-found');
      expectStoreError(() => store.trashModel('nope'), 'not-found');
      expectStoreError(() => store.purgeModel('nope'), 'not-found');
      expectStoreError(() => store.setViewState('nope', {}), 'not-found');
      const { summary } = store.createModel({ name: 'A', yaml: Y(1) });
      expectStoreError(() => store.getRevision(summary.id, 2), 'not-found');
      expectStoreError(() => store.restoreRevision(summary.id, 5), 'not-found');
    });

    it('lists live models most recently updated first, and the trash separately', () => {
      const { store, clock } = make();
      const a = store.createModel({ name: 'A', yaml: Y('a') }).summary.id;
      clock.advance(1000);
      const b = store.createModel({ name: 'B', yaml: Y('b') }).summary.id;
      clock.advance(1000);
      const c = store.createModel({ name: 'C', yaml: Y('c') }).summary.id;
      expect(store.listModels().map((m) => m.name)).toEqual(['C', 'B', 'A']);
      clock.advance(1000);
      store.saveRevision(a, { yaml: Y('a2'), kind: 'save' });
      expect(store.listModels().map((m) => m.name)).toEqual(['A', 'C', 'B']);
      // Same instant: the later write still lists first.
      store.saveRevision(b, { yaml: Y('b2'), kind: 'save' });
      expect(store.listModels().map((m) => m.name)).toEqual(['B', 'A', 'C']);
      expect(store.listModels()[0]).toMatchObject({ id: b, revisions: 2, updatedAt: '2026-03-01T09:00:03.000Z' });
      store.trashModel(c);
      expect(store.listModels().map((m) => m.id)).toEqual([b, a]);
      expect(store.listModels({ trashed: false }).map((m) => m.id)).toEqual([b, a]);
      expect(store.listModels({ trashed: true }).map((m) => m.id)).toEqual([c]);
    });

    it('adds a revision per save and keeps each one exactly', () => {
      const { store, clock } = make();
      const id = store.createModel({ name: 'A', yaml: Y(1) }).summary.id;
      const odd = 'keel: 1\r\nname: "Ünïcödé 🚀"\ttrailing   \n\n\u0000?\n';
      clock.advance(10);
      const r2 = store.saveRevision(id, { yaml: odd, kind: 'save', message: 'unicode' });
      expect(r2).toMatchObject({ coalesced: false, revision: { revision: 2, kind: 'save', message: 'unicode', yaml: odd } });
      clock.advance(10);
      const r3 = store.saveRevision(id, { yaml: Y(3), kind: 'snapshot', message: 'v3' });
      expect(r3.revision.revision).toBe(3);
      expect(store.getRevision(id, 2).yaml).toBe(odd);
      expect(store.getRevision(id, 1).yaml).toBe(Y(1));
      expect(store.getModel(id).head).toMatchObject({ revision: 3, yaml: Y(3), kind: 'snapshot' });
      expect(store.history(id)).toEqual([
        { revision: 3, createdAt: '2026-03-01T09:00:00.020Z', message: 'v3', kind: 'snapshot' },
        { revision: 2, createdAt: '2026-03-01T09:00:00.010Z', message: 'unicode', kind: 'save' },
        { revision: 1, createdAt: '2026-03-01T09:00:00.000Z', message: '', kind: 'save' },
      ]);
    });

    it('does not add a revision for content identical to the head', () => {
      const { store } = make();
      const id = store.createModel({ name: 'A', yaml: Y(1) }).summary.id;
      for (const kind of ['save', 'snapshot', 'autosave'] as const) {
        const r = store.saveRevision(id, { yaml: Y(1), kind });
        expect(r.coalesced).toBe(true);
        expect(r.revision).toMatchObject({ revision: 1, kind: 'save', yaml: Y(1) });
      }
      expect(store.getModel(id).summary.revisions).toBe(1);
    });

    it('coalesces autosaves within the window, anchored at the first autosave', () => {
      const { store, clock } = make({ coalesceMs: 60_000 });
      const id = store.createModel({ name: 'A', yaml: Y(1) }).summary.id;
      clock.advance(1000);
      expect(store.saveRevision(id, { yaml: Y('a1'), kind: 'autosave' })).toMatchObject({ coalesced: false, revision: { revision: 2 } });
      clock.advance(30_000);
      const second = store.saveRevision(id, { yaml: Y('a2'), kind: 'autosave' });
      expect(second).toMatchObject({ coalesced: true, revision: { revision: 2, yaml: Y('a2'), kind: 'autosave' } });
      expect(second.revision.createdAt).toBe('2026-03-01T09:00:31.000Z');
      clock.advance(29_000);
      expect(store.saveRevision(id, { yaml: Y('a3'), kind: 'autosave' }).coalesced).toBe(true);
      // 61 s after the window opened: a new revision even though the last autosave was 2 s ago.
      clock.advance(2000);
      expect(store.saveRevision(id, { yaml: Y('a4'), kind: 'autosave' })).toMatchObject({ coalesced: false, revision: { revision: 3 } });
      expect(store.getRevision(id, 2).yaml).toBe(Y('a3'));
      expect(store.getModel(id).summary).toMatchObject({ revisions: 3, updatedAt: '2026-03-01T09:01:02.000Z' });
    });

    it('never coalesces into a snapshot or save, and a snapshot ends coalescing', () => {
      const { store, clock } = make();
      const id = store.createModel({ name: 'A', yaml: Y(1) }).summary.id;
      store.saveRevision(id, { yaml: Y(2), kind: 'autosave' });
      clock.advance(1000);
      expect(store.saveRevision(id, { yaml: Y(3), kind: 'snapshot', message: 'named' })).toMatchObject({ coalesced: false, revision: { revision: 3 } });
      clock.advance(1000);
      expect(store.saveRevision(id, { yaml: Y(4), kind: 'autosave' })).toMatchObject({ coalesced: false, revision: { revision: 4 } });
      clock.advance(1000);
      expect(store.saveRevision(id, { yaml: Y(5), kind: 'save' }).revision.revision).toBe(5);
      expect(store.saveRevision(id, { yaml: Y(6), kind: 'save' }).revision.revision).toBe(6);
      expect(store.getRevision(id, 3)).toMatchObject({ yaml: Y(3), kind: 'snapshot', message: 'named' });
      expect(store.getRevision(id, 2).yaml).toBe(Y(2));
    });

    it('promotes a head autosave that a deliberate save repeats, so later autosaves cannot overwrite it', () => {
      const { store, clock } = make();
      const id = store.createModel({ name: 'A', yaml: Y(1) }).summary.id;
      store.saveRevision(id, { yaml: Y(2), kind: 'autosave' });
      clock.advance(1000);
      const saved = store.saveRevision(id, { yaml: Y(2), kind: 'snapshot', message: 'checkpoint' });
      expect(saved).toMatchObject({ coalesced: true, revision: { revision: 2, kind: 'snapshot', message: 'checkpoint' } });
      clock.advance(1000);
      expect(store.saveRevision(id, { yaml: Y(3), kind: 'autosave' }).revision.revision).toBe(3);
      expect(store.getRevision(id, 2)).toMatchObject({ yaml: Y(2), kind: 'snapshot' });
    });

    it('coalesces nothing when the window is 0', () => {
      const { store } = make({ coalesceMs: 0 });
      const id = store.createModel({ name: 'A', yaml: Y(1) }).summary.id;
      store.saveRevision(id, { yaml: Y(2), kind: 'autosave' });
      expect(store.saveRevision(id, { yaml: Y(3), kind: 'autosave' }).coalesced).toBe(false);
      expect(store.history(id)).toHaveLength(3);
    });

    it('restores a revision as a new revision, never rewriting history', () => {
      const { store, clock } = make();
      const id = store.createModel({ name: 'A', yaml: Y(1) }).summary.id;
      clock.advance(1000);
      store.saveRevision(id, { yaml: Y(2), kind: 'save' });
      clock.advance(1000);
      const r = store.restoreRevision(id, 1);
      expect(r).toMatchObject({ coalesced: false, revision: { revision: 3, kind: 'restore', yaml: Y(1) } });
      expect(r.revision.message).toContain('1');
      expect(store.history(id).map((h) => h.kind)).toEqual(['restore', 'save', 'save']);
      expect(store.getRevision(id, 2).yaml).toBe(Y(2));
      // Restoring what is already the head changes nothing.
      expect(store.restoreRevision(id, 1)).toMatchObject({ coalesced: true, revision: { revision: 3 } });
      // An autosave after a restore starts a new revision.
      expect(store.saveRevision(id, { yaml: Y(4), kind: 'autosave' }).revision.revision).toBe(4);
    });

    it('renames, trashes, restores and purges', () => {
      const { store, clock } = make();
      const id = store.createModel({ name: 'A', yaml: Y(1) }).summary.id;
      clock.advance(500);
      expect(store.renameModel(id, '  Orders  ')).toMatchObject({ id, name: 'Orders', updatedAt: '2026-03-01T09:00:00.500Z' });
      clock.advance(500);
      expect(store.trashModel(id).deletedAt).toBe('2026-03-01T09:00:01.000Z');
      expect(store.getModel(id).summary.name).toBe('Orders');
      expectStoreError(() => store.saveRevision(id, { yaml: Y(2), kind: 'save' }), 'trashed');
      expectStoreError(() => store.restoreRevision(id, 1), 'trashed');
      expect(store.restoreModel(id).deletedAt).toBeNull();
      expect(store.saveRevision(id, { yaml: Y(2), kind: 'save' }).revision.revision).toBe(2);
      store.purgeModel(id);
      expectStoreError(() => store.getModel(id), 'not-found');
      expectStoreError(() => store.getRevision(id, 1), 'not-found');
      expect(store.listModels()).toEqual([]);
      expect(store.listModels({ trashed: true })).toEqual([]);
    });

    it('keeps the view state per model, as a copy', () => {
      const { store } = make();
      const a = store.createModel({ name: 'A', yaml: Y(1) }).summary.id;
      const b = store.createModel({ name: 'B', yaml: Y(1) }).summary.id;
      const vs = { viewport: { x: -10.5, y: 20, zoom: 1.25 }, selection: ['api', 'db'] };
      store.setViewState(a, vs);
      vs.selection.push('mutated');
      expect(store.getModel(a).viewState).toEqual({ viewport: { x: -10.5, y: 20, zoom: 1.25 }, selection: ['api', 'db'] });
      expect(store.getModel(b).viewState).toEqual({});
      const got = store.getModel(a);
      got.viewState.selection!.length = 0;
      got.head.yaml = 'mutated';
      expect(store.getModel(a).viewState.selection).toEqual(['api', 'db']);
      expect(store.getModel(a).head.yaml).toBe(Y(1));
    });

    it('refuses use after close', () => {
      const { store } = make();
      store.close();
      expect(() => store.listModels()).toThrow();
    });
  });
}
