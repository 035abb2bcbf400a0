import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng } from '../../shared/testing/generate-model';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from './migrations';
import { openSqliteStore } from './sqlite-store';
import { storeContract, testClock } from './store-contract.test-helpers';
import { StoreError } from './types';

const dir = mkdtempSync(join(tmpdir(), 'keel-sqlite-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (label = 'db') => join(dir, `${label}-${++n}.db`);

storeContract('sqlite', (options) => openSqliteStore(fresh('contract'), options));

function openError(path: string): StoreError {
  try {
    openSqliteStore(path).close();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('expected openSqliteStore to fail');
}

describe('SQLite store on disk', () => {
  it('uses WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const store = openSqliteStore(fresh(), { busyTimeoutMs: 2500 });
    expect(store.diagnostics()).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: true, busyTimeoutMs: 2500, schemaVersion: SCHEMA_VERSION });
    expect(store.migration).toEqual({ from: 0, to: SCHEMA_VERSION });
    store.close();
  });

  it('keeps everything across close and reopen', () => {
    const path = fresh();
    const clock = testClock();
    let store = openSqliteStore(path, { now: clock.now });
    const a = store.createModel({ name: 'Orders', yaml: 'keel: 1\n# a1\n', message: 'start' }).summary.id;
    const b = store.createModel({ name: 'Billing', yaml: 'keel: 1\n# b1\n' }).summary.id;
    clock.advance(1000);
    store.saveRevision(a, { yaml: 'keel: 1\n# a2\n', kind: 'autosave' });
    store.setViewState(a, { viewport: { x: 1, y: 2, zoom: 0.5 }, selection: ['x'] });
    store.trashModel(b);
    store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);

    clock.advance(10_000);
    store = openSqliteStore(path, { now: clock.now });
    expect(store.migration).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    expect(store.getModel(a)).toMatchObject({
      summary: { name: 'Orders', revisions: 2 },
      head: { revision: 2, kind: 'autosave', yaml: 'keel: 1\n# a2\n' },
      viewState: { viewport: { x: 1, y: 2, zoom: 0.5 }, selection: ['x'] },
    });
    expect(store.listModels({ trashed: true }).map((m) => m.id)).toEqual([b]);
    // The coalescing window survives a restart: 11 s after it opened, this autosave folds in.
    expect(store.saveRevision(a, { yaml: 'keel: 1\n# a3\n', kind: 'autosave' }).coalesced).toBe(true);
    store.close();
  });

  it('sees another connection’s commits and purges revisions through the foreign key', () => {
    const path = fresh();
    const one = openSqliteStore(path);
    const two = openSqliteStore(path);
    const id = one.createModel({ name: 'Shared', yaml: 'keel: 1\n' }).summary.id;
    two.saveRevision(id, { yaml: 'keel: 1\n# two\n', kind: 'save' });
    expect(one.getModel(id).head.yaml).toBe('keel: 1\n# two\n');
    one.purgeModel(id);
    expect(() => two.getModel(id)).toThrow(StoreError);
    one.close();
    two.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM revisions').get()).toEqual({ n: 0 });
    db.close();
  });

  it('reports an unwritable location as an io error naming the path', () => {
    const path = join(dir, 'no-such-folder', 'keel.db');
    const err = openError(path);
    expect(err.code).toBe('io');
    expect(err.message).toContain(path);
  });
});

/** A store file as version 1 of the schema left it (a frozen copy of migration 1's shape). */
function makeV1File(path: string): void {
  const db = new Database(path);
  db.exec(`
    CREATE TABLE models (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT) STRICT;
    CREATE TABLE revisions (
      id INTEGER PRIMARY KEY,
      model_id TEXT NOT NULL REFERENCES models(id) ON DELETE CASCADE,
      n INTEGER NOT NULL CHECK (n >= 1),
      created_at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('autosave', 'snapshot', 'save', 'import', 'restore')),
      message TEXT NOT NULL DEFAULT '',
      yaml TEXT NOT NULL,
      UNIQUE (model_id, n)
    ) STRICT;
    INSERT INTO models VALUES ('m1', 'Legacy shop', '2025-01-01T00:00:00.000Z', '2025-01-02T00:00:00.000Z', NULL);
    INSERT INTO models VALUES ('m2', 'Old trash', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', '2025-01-03T00:00:00.000Z');
    INSERT INTO revisions (model_id, n, created_at, kind, message, yaml) VALUES
      ('m1', 1, '2025-01-01T00:00:00.000Z', 'save', 'first', 'keel: 1\nname: shop\n'),
      ('m1', 2, '2025-01-02T00:00:00.000Z', 'autosave', '', 'keel: 1\nname: shop v2\n'),
      ('m2', 1, '2025-01-01T00:00:00.000Z', 'import', 'Imported x.keel.yaml', 'keel: 1\nname: x\n');
    PRAGMA user_version = 1;
  `);
  db.close();
}

describe('migrations', () => {
  it('are numbered 1, 2, … without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('upgrade a version 1 file, keeping its data, after backing it up byte for byte', () => {
    const path = fresh('v1');
    makeV1File(path);
    const original = readFileSync(path);
    const clock = testClock('2026-05-06T07:08:09.010Z');
    const store = openSqliteStore(path, { now: clock.now });
    expect(store.migration).toEqual({ from: 1, to: SCHEMA_VERSION, backup: `${path}.backup-v1-2026-05-06T07-08-09-010Z` });
    expect(readFileSync(store.migration.backup!)).toEqual(original);
    expect(store.listModels().map((m) => [m.id, m.name, m.revisions])).toEqual([['m1', 'Legacy shop', 2]]);
    expect(store.listModels({ trashed: true })[0]).toMatchObject({ id: 'm2', deletedAt: '2025-01-03T00:00:00.000Z' });
    expect(store.history('m1').map((r) => r.message)).toEqual(['', 'first']);
    const opened = store.getModel('m1');
    expect(opened.head).toMatchObject({ revision: 2, yaml: 'keel: 1\nname: shop v2\n', kind: 'autosave' });
    expect(opened.viewState).toEqual({});
    // Hashes were backfilled: the same content is recognised as unchanged.
    expect(store.saveRevision('m1', { yaml: 'keel: 1\nname: shop v2\n', kind: 'autosave' })).toMatchObject({ coalesced: true, revision: { revision: 2 } });
    // The old autosave's window closed long ago: a new autosave is a new revision.
    expect(store.saveRevision('m1', { yaml: 'keel: 1\nname: shop v3\n', kind: 'autosave' }).revision.revision).toBe(3);
    expect(store.diagnostics().schemaVersion).toBe(SCHEMA_VERSION);
    store.close();
    // The backup is still a readable version 1 store.
    const old = new Database(store.migration.backup!, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    expect(old.prepare('SELECT count(*) AS n FROM revisions').get()).toEqual({ n: 3 });
    old.close();
    // Reopening migrates nothing and backs up nothing more.
    const again = openSqliteStore(path, { now: clock.now });
    expect(again.migration).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    again.close();
    expect(readdirSync(dir).filter((f) => f.startsWith(`v1-${n}.db.backup`))).toHaveLength(1);
  });

  it('set up an empty (version 0) file without a backup', () => {
    const path = fresh('v0');
    writeFileSync(path, '');
    const store = openSqliteStore(path);
    expect(store.migration).toEqual({ from: 0, to: SCHEMA_VERSION });
    store.close();
    expect(readdirSync(dir).some((f) => f.startsWith(`v0-${n}.db.backup`))).toBe(false);
  });

  it('refuse a file written by a newer Keel, without touching it', () => {
    const path = fresh('newer');
    openSqliteStore(path).close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 7}`);
    db.close();
    const before = readFileSync(path);
    const err = openError(path);
    expect(err.code).toBe('too-new');
    expect(err.message).toContain(path);
    expect(err.message).toContain(`store version ${SCHEMA_VERSION + 7}`);
    expect(readFileSync(path)).toEqual(before);
  });

  it('refuse some other program’s SQLite database', () => {
    const path = fresh('foreign');
    const db = new Database(path);
    db.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, data BLOB)');
    db.close();
    const err = openError(path);
    expect(err.code).toBe('invalid');
    expect(err.message).toMatch(/not a Keel store/);
  });

  it('roll a failed step back entirely and keep the version', () => {
    const path = fresh('failing');
    openSqliteStore(path).close();
    const db = new Database(path);
    const failing = [
      ...MIGRATIONS,
      {
        version: SCHEMA_VERSION + 1,
        description: 'breaks half way',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE half_done (x INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, path, failing)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('damaged files', () => {
  let healthy = '';
  beforeAll(() => {
    healthy = fresh('healthy');
    const store = openSqliteStore(healthy);
    for (let m = 0; m < 5; m++) {
      const id = store.createModel({ name: `M${m}`, yaml: `keel: 1\n# ${m}\n` }).summary.id;
      for (let r = 0; r < 60; r++) store.saveRevision(id, { yaml: `keel: 1\n# model ${m} revision ${r}\n${'x: y\n'.repeat(r * 3)}`, kind: 'save' });
    }
    store.close();
  });

  for (const at of [0.35, 0.5, 0.8]) {
    it(`refuse a file with garbage ${at * 100}% of the way in, naming it, without changing it`, () => {
      const path = fresh('garbage');
      copyFileSync(healthy, path);
      const size = statSync(path).size;
      const offset = Math.floor((size * at) / 4096) * 4096;
      const random = rng(Math.round(at * 1000));
      const garbage = Buffer.from(Array.from({ length: 3 * 4096 }, () => Math.floor(random() * 256)));
      const fd = openSync(path, 'r+');
      writeSync(fd, garbage, 0, garbage.length, offset);
      closeSync(fd);
      const damaged = readFileSync(path);
      const err = openError(path);
      expect(err.code).toBe('corrupt');
      expect(err.message).toContain(path);
      expect(err.message).toMatch(/damaged/);
      expect(readFileSync(path)).toEqual(damaged);
    });
  }

  it('refuse a file that is not a database at all', () => {
    const path = fresh('text');
    writeFileSync(path, 'keel: 1\nname: not a database, just a model file somebody picked\n'.repeat(100));
    const err = openError(path);
    expect(err.code).toBe('corrupt');
    expect(err.message).toContain(path);
  });
});
