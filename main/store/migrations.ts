/**
 * The store's schema history. Each step runs once, in its own transaction,
 * and is recorded in `PRAGMA user_version`. Never edit a released step:
 * append a new one (and a test that migrates a hand-made file of the old shape).
 */
import { copyFileSync, constants, fsyncSync, openSync, closeSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { contentHash } from './save-policy';
import { StoreError } from './types';

export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'models and their revisions',
    up: (db) =>
      db.exec(`
        CREATE TABLE models (
          id         TEXT PRIMARY KEY,
          name       TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          deleted_at TEXT
        ) STRICT;
        CREATE TABLE revisions (
          id         INTEGER PRIMARY KEY,
          model_id   TEXT NOT NULL REFERENCES models(id) ON DELETE CASCADE,
          n          INTEGER NOT NULL CHECK (n >= 1),
          created_at TEXT NOT NULL,
          kind       TEXT NOT NULL CHECK (kind IN ('autosave', 'snapshot', 'save', 'import', 'restore')),
          message    TEXT NOT NULL DEFAULT '',
          yaml       TEXT NOT NULL,
          UNIQUE (model_id, n)
        ) STRICT;
      `),
  },
  {
    version: 2,
    description: 'content hashes (identical saves), coalescing windows, view state, stable list order',
    up: (db) => {
      db.function('keel_sha256', { deterministic: true }, (yaml: unknown) => contentHash(String(yaml)));
      db.function('keel_epoch_ms', { deterministic: true }, (iso: unknown) => Date.parse(String(iso)) || 0);
      db.exec(`
        ALTER TABLE revisions ADD COLUMN hash TEXT NOT NULL DEFAULT '';
        ALTER TABLE revisions ADD COLUMN window_start_ms INTEGER NOT NULL DEFAULT 0;
        UPDATE revisions SET hash = keel_sha256(yaml), window_start_ms = keel_epoch_ms(created_at);
        ALTER TABLE models ADD COLUMN view_state TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE models ADD COLUMN touched INTEGER NOT NULL DEFAULT 0;
        UPDATE models SET touched = rowid;
        CREATE INDEX models_by_update ON models (updated_at DESC, touched DESC);
        CREATE INDEX models_by_touched ON models (touched);
      `);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export interface MigrationReport {
  from: number;
  to: number;
  /** The copy taken before migrating an existing database. */
  backup?: string;
}

export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function hasSchema(db: Database.Database): boolean {
  return (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n > 0;
}

/**
 * Checks that Keel can open this file at all, before anything writes to it:
 * not written by a newer Keel, not some other program's database.
 */
export function checkVersion(db: Database.Database, path: string): number {
  const version = userVersion(db);
  if (version > SCHEMA_VERSION) {
    throw new StoreError(
      'too-new',
      `${path} was written by a newer version of Keel (store version ${version}; this Keel knows up to ${SCHEMA_VERSION}). ` +
        'Update Keel to open it. The file was not changed.',
    );
  }
  if (version === 0 && hasSchema(db)) {
    throw new StoreError('invalid', `${path} is an SQLite database but not a Keel store (it has tables but no store version). The file was not changed.`);
  }
  return version;
}

export function backupPath(path: string, version: number, at: Date): string {
  return `${path}.backup-v${version}-${at.toISOString().replace(/[:.]/g, '-')}`;
}

/**
 * A byte copy of an existing store that is about to be migrated (version
 * between 1 and SCHEMA_VERSION - 1), taken after folding any WAL into the
 * file and before anything writes to it. Returns its path, or undefined when
 * there is nothing to back up.
 */
export function backupBeforeMigrating(db: Database.Database, path: string, version: number, at: Date): string | undefined {
  if (version === 0 || version >= SCHEMA_VERSION) return undefined;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const target = backupPath(path, version, at);
  try {
    copyFileSync(path, target, constants.COPYFILE_EXCL);
    const fd = openSync(target, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new StoreError('io', `Could not back up ${path} to ${target} before upgrading it: ${(err as Error).message}. Nothing was changed.`, { cause: err });
  }
  return target;
}

/** Brings the database up to the last migration's version, one transaction per step. */
export function migrate(db: Database.Database, path: string, migrations: readonly Migration[] = MIGRATIONS): MigrationReport {
  const from = userVersion(db);
  const target = migrations[migrations.length - 1]?.version ?? 0;
  for (const m of migrations) {
    if (userVersion(db) >= m.version) continue;
    db.transaction(() => {
      // Another process may have migrated since we looked: re-read inside the write lock.
      if (userVersion(db) >= m.version) return;
      m.up(db);
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new StoreError('corrupt', `${path}: migration to store version ${m.version} left ${broken.length} broken references.`);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return { from, to: Math.max(from, target) };
}
