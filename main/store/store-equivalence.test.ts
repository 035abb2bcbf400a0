/**
 * Model-based fuzzing (after tldraw's recordStoreFuzzing): random sequences of
 * operations run on the memory store and the SQLite store side by side must
 * give the same answers, errors included. Keeps the fast fake honest.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store';
import { openSqliteStore } from './sqlite-store';
import { testClock } from './store-contract.test-helpers';
import { StoreError, type ModelStore, type RevisionKind } from './types';

const dir = mkdtempSync(join(tmpdir(), 'keel-store-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const kinds: RevisionKind[] = ['autosave', 'snapshot', 'save', 'import', 'restore'];
const texts = ['keel: 1\n', 'keel: 1\n# a\n', 'keel: 1\n# b\n', 'keel: 1\n# ünï\n'];

type Op =
  | { op: 'create'; text: number; kind: number }
  | { op: 'save'; model: number; text: number; kind: number; message: string }
  | { op: 'rename'; model: number; name: string }
  | { op: 'trash' | 'untrash' | 'purge'; model: number }
  | { op: 'restoreRevision'; model: number; n: number }
  | { op: 'view'; model: number; zoom: number }
  | { op: 'advance'; ms: number };

const model = fc.nat(4);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), text: fc.nat(3), kind: fc.nat(4) }),
  { weight: 4, arbitrary: fc.record({ op: fc.constant('save' as const), model, text: fc.nat(3), kind: fc.nat(4), message: fc.constantFrom('', 'note') }) },
  fc.record({ op: fc.constant('rename' as const), model, name: fc.constantFrom('A', 'B', ' ', 'Orders') }),
  fc.record({ op: fc.constantFrom('trash' as const, 'untrash' as const, 'purge' as const), model }),
  fc.record({ op: fc.constant('restoreRevision' as const), model, n: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ op: fc.constant('view' as const), model, zoom: fc.constantFrom(0.5, 1, 2) }),
  fc.record({ op: fc.constant('advance' as const), ms: fc.constantFrom(1, 1000, 30_000, 61_000) }),
);

/** Runs one op; returns a comparable outcome with store ids replaced by creation order. */
function apply(store: ModelStore, ids: string[], op: Op, advance: (ms: number) => void): unknown {
  const id = 'model' in op ? (ids[op.model] ?? `missing-${op.model}`) : '';
  const anon = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value ?? null).replace(/"id":"([\w-]+)"/g, (_m, raw: string) => `"id":${ids.indexOf(raw)}`));
  try {
    switch (op.op) {
      case 'create': {
        const r = store.createModel({ name: 'M', yaml: texts[op.text]!, kind: kinds[op.kind] });
        ids.push(r.summary.id);
        return anon(r);
      }
      case 'save':
        return anon(store.saveRevision(id, { yaml: texts[op.text]!, kind: kinds[op.kind]!, message: op.message }));
      case 'rename':
        return anon(store.renameModel(id, op.name));
      case 'trash':
        return anon(store.trashModel(id));
      case 'untrash':
        return anon(store.restoreModel(id));
      case 'purge':
        return anon(store.purgeModel(id));
      case 'restoreRevision':
        return anon(store.restoreRevision(id, op.n));
      case 'view':
        return anon(store.setViewState(id, { viewport: { x: 0, y: 0, zoom: op.zoom } }));
      case 'advance':
        advance(op.ms);
        return null;
    }
  } catch (err) {
    if (err instanceof StoreError) return { error: err.code };
    throw err;
  }
}

function snapshot(store: ModelStore, ids: string[]): unknown {
  const live = ids.filter((id) => store.listModels().some((m) => m.id === id) || store.listModels({ trashed: true }).some((m) => m.id === id));
  return {
    list: store.listModels().map((m) => ({ ...m, id: ids.indexOf(m.id) })),
    trash: store.listModels({ trashed: true }).map((m) => ({ ...m, id: ids.indexOf(m.id) })),
    models: live.map((id) => {
      const { summary, head, viewState } = store.getModel(id);
      return { summary: { ...summary, id: ids.indexOf(id) }, head, viewState, history: store.history(id) };
    }),
  };
}

it('the memory store behaves exactly like the SQLite store', () => {
  let run = 0;
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 5, maxLength: 40 }), (ops) => {
      const clockA = testClock();
      const clockB = testClock();
      const memory = createMemoryStore({ now: clockA.now });
      const sqlite = openSqliteStore(join(dir, `fuzz-${++run}.db`), { now: clockB.now });
      const idsA: string[] = [];
      const idsB: string[] = [];
      try {
        for (const op of ops) {
          expect(apply(sqlite, idsB, op, clockB.advance), JSON.stringify(op)).toEqual(apply(memory, idsA, op, clockA.advance));
        }
        expect(snapshot(sqlite, idsB)).toEqual(snapshot(memory, idsA));
      } finally {
        memory.close();
        sqlite.close();
      }
    }),
    { numRuns: 40 },
  );
});
