/**
 * The ModelStore on an SQLite file (better-sqlite3). Durability choices:
 * WAL with synchronous=FULL, so every commit is fsynced to the WAL before the
 * save returns: NORMAL survives a killed process but may lose the last commits
 * on power loss, and "saved" must mean saved. Opening checks the file's
 * integrity and version before anything writes to it.
 */
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { backupBeforeMigrating, checkVersion, migrate, type MigrationReport } from './migrations';
import {
  checkName,
  checkRevisionNumber,
  checkSave,
  contentHash,
  decideSave,
  newModelId,
  notFound,
  trashed,
} from './save-policy';
import {
  DEFAULT_COALESCE_MS,
  StoreError,
  type ModelRecord,
  type ModelStore,
  type ModelSummary,
  type Revision,
  type RevisionKind,
  type RevisionSummary,
  type SaveResult,
  type StoreOptions,
  type ViewState,
} from './types';

export interface SqliteStore extends ModelStore {
  readonly path: string;
  /** What opening did to the schema (from === to when nothing was migrated). */
  readonly migration: MigrationReport;
  /** The connection's settings, for an about screen and for tests. */
  diagnostics(): StoreDiagnostics;
}

export interface StoreDiagnostics {
  journalMode: string;
  /** 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA. */
  synchronous: number;
  foreignKeys: boolean;
  busyTimeoutMs: number;
  schemaVersion: number;
}

export interface SqliteStoreOptions extends StoreOptions {
  /** How long to wait for another process's write lock (default 5000 ms). */
  busyTimeoutMs?: number;
}

/** Above this size a full integrity_check costs seconds on open; quick_check still reads every page. */
const FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024;

interface ModelRow {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  view_state: string;
  revisions: number;
}

interface HeadRow {
  n: number;
  created_at: string;
  kind: RevisionKind;
  message: string;
  hash: string;
  window_start_ms: number;
}

interface RevisionRow {
  n: number;
  created_at: string;
  kind: RevisionKind;
  message: string;
  hash: string;
  yaml: string;
}

const MODEL_COLUMNS = `id, name, created_at, updated_at, deleted_at, view_state,
  (SELECT max(n) FROM revisions r WHERE r.model_id = models.id) AS revisions`;
const NEXT_TOUCH = '(SELECT coalesce(max(touched), 0) + 1 FROM models)';

function sqliteCode(err: unknown): string {
  return err instanceof Database.SqliteError ? err.code : '';
}

function damaged(path: string, detail: string, cause?: unknown): StoreError {
  return new StoreError(
    'corrupt',
    `Keel's store ${path} is damaged (${detail}). Restore a backup copy of it or move it aside to start a new store.`,
    { cause },
  );
}

/** Turns SQLite's failures into errors a user can act on; the message names the file. */
function storeErrorFrom(err: unknown, path: string): unknown {
  if (err instanceof StoreError) return err;
  const code = sqliteCode(err);
  const detail = (err as Error)?.message ?? String(err);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return damaged(path, detail, err);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError('io', `Keel's store ${path} is locked by another process (${detail}).`, { cause: err });
  }
  if (/^SQLITE_(IOERR|FULL|CANTOPEN|READONLY|PERM|AUTH)/.test(code) || (err as NodeJS.ErrnoException)?.code) {
    return new StoreError('io', `Keel's store ${path} could not be read or written (${detail}).`, { cause: err });
  }
  return err;
}

function checkIntegrity(db: Database.Database, path: string): void {
  // The WAL counts too: after a crash the newest commits may live only there.
  const size = [path, `${path}-wal`].reduce((sum, p) => sum + (statSync(p, { throwIfNoEntry: false })?.size ?? 0), 0);
  if (size === 0) return; // a new file: nothing to check
  const pragma = size > FULL_CHECK_MAX_BYTES ? 'quick_check' : 'integrity_check';
  const rows = db.pragma(`${pragma}(20)`, { simple: false }) as Record<string, string>[];
  const messages = rows.map((r) => Object.values(r)[0]);
  if (messages.length !== 1 || messages[0] !== 'ok') {
    throw damaged(path, `${pragma} found ${messages.length} problem(s): ${messages.slice(0, 3).join('; ')}`);
  }
}

export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  const now = options.now ?? (() => new Date());
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (err) {
    // better-sqlite3 reports a missing folder as a TypeError, a permission problem as SQLITE_CANTOPEN.
    throw new StoreError('io', `Keel's store ${path} could not be opened (${(err as Error).message}).`, { cause: err });
  }
  let migration: MigrationReport;
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    // Read-only checks first: a damaged, foreign or newer file is refused untouched.
    checkIntegrity(db, path);
    const version = checkVersion(db, path);
    // The backup comes before the first write of any kind (switching to WAL writes the header).
    const backup = backupBeforeMigrating(db, path, version, now());
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migration = { ...migrate(db, path), ...(backup && { backup }) };
  } catch (err) {
    db.close();
    throw storeErrorFrom(err, path);
  }
  return new SqliteModelStore(db, path, migration, now, options.coalesceMs ?? DEFAULT_COALESCE_MS);
}

class SqliteModelStore implements SqliteStore {
  private readonly q;

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
    readonly migration: MigrationReport,
    private readonly now: () => Date,
    private readonly coalesceMs: number,
  ) {
    // Prepared once: every call below reuses a compiled statement.
    this.q = {
      insertModel: db.prepare<[string, string, string, string]>(
        `INSERT INTO models (id, name, created_at, updated_at, touched) VALUES (?, ?, ?, ?, ${NEXT_TOUCH})`,
      ),
      insertRevision: db.prepare<[string, number, string, RevisionKind, string, string, string, number]>(
        `INSERT INTO revisions (model_id, n, created_at, kind, message, yaml, hash, window_start_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      model: db.prepare<[string], ModelRow>(`SELECT ${MODEL_COLUMNS} FROM models WHERE id = ?`),
      list: db.prepare<[number], ModelRow>(
        `SELECT ${MODEL_COLUMNS} FROM models WHERE (deleted_at IS NOT NULL) = ? ORDER BY updated_at DESC, touched DESC`,
      ),
      headFacts: db.prepare<[string], HeadRow>(
        `SELECT n, created_at, kind, message, hash, window_start_ms FROM revisions WHERE model_id = ? ORDER BY n DESC LIMIT 1`,
      ),
      head: db.prepare<[string], RevisionRow>(
        `SELECT n, created_at, kind, message, hash, yaml FROM revisions WHERE model_id = ? ORDER BY n DESC LIMIT 1`,
      ),
      revision: db.prepare<[string, number], RevisionRow>(
        `SELECT n, created_at, kind, message, hash, yaml FROM revisions WHERE model_id = ? AND n = ?`,
      ),
      history: db.prepare<[string], Omit<RevisionRow, 'yaml' | 'hash'>>(
        `SELECT n, created_at, kind, message FROM revisions WHERE model_id = ? ORDER BY n DESC`,
      ),
      replaceContent: db.prepare<[string, string, string, string, string, number]>(
        `UPDATE revisions SET yaml = ?, hash = ?, created_at = ?, message = ? WHERE model_id = ? AND n = ?`,
      ),
      promote: db.prepare<[RevisionKind, string, string, number]>(
        `UPDATE revisions SET kind = ?, message = ? WHERE model_id = ? AND n = ?`,
      ),
      touch: db.prepare<[string, string]>(`UPDATE models SET updated_at = ?, touched = ${NEXT_TOUCH} WHERE id = ?`),
      rename: db.prepare<[string, string, string]>(
        `UPDATE models SET name = ?, updated_at = ?, touched = ${NEXT_TOUCH} WHERE id = ?`,
      ),
      trash: db.prepare<[string, string]>(`UPDATE models SET deleted_at = coalesce(deleted_at, ?) WHERE id = ?`),
      untrash: db.prepare<[string]>(`UPDATE models SET deleted_at = NULL WHERE id = ?`),
      purge: db.prepare<[string]>(`DELETE FROM models WHERE id = ?`),
      viewState: db.prepare<[string, string]>(`UPDATE models SET view_state = ? WHERE id = ?`),
    };
  }

  /** Runs fn in one IMMEDIATE transaction (takes the write lock up front: no upgrade deadlocks). */
  private write<T>(fn: () => T): T {
    return this.guard(() => this.db.transaction(fn).immediate());
  }

  private guard<T>(fn: () => T): T {
    if (!this.db.open) throw new StoreError('io', `Keel's store ${this.path} is closed.`);
    try {
      return fn();
    } catch (err) {
      throw storeErrorFrom(err, this.path);
    }
  }

  private row(id: string): ModelRow {
    const row = this.q.model.get(id);
    if (!row) throw notFound(id);
    return row;
  }

  private static summary(row: ModelRow): ModelSummary {
    return {
      id: row.id,
      name: row.name,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      revisions: row.revisions,
      deletedAt: row.deleted_at,
    };
  }

  private static revision(row: RevisionRow): Revision {
    return { revision: row.n, createdAt: row.created_at, message: row.message, kind: row.kind, yaml: row.yaml, hash: row.hash };
  }

  private static viewState(text: string): ViewState {
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed && typeof parsed === 'object' ? (parsed as ViewState) : {};
    } catch {
      return {};
    }
  }

  private save(row: ModelRow, yaml: string, kind: RevisionKind, message: string): SaveResult {
    if (row.deleted_at) throw trashed(row.id, row.name);
    const date = this.now();
    const at = date.toISOString();
    const hash = contentHash(yaml);
    const h = this.q.headFacts.get(row.id)!;
    const headRevision = (patch: Partial<Revision>): Revision => ({
      revision: h.n, createdAt: h.created_at, kind: h.kind, message: h.message, yaml, hash, ...patch,
    });
    switch (decideSave({ kind: h.kind, hash: h.hash, windowStartMs: h.window_start_ms }, kind, hash, date.getTime(), this.coalesceMs)) {
      case 'unchanged':
        return { revision: headRevision({}), coalesced: true };
      case 'promote':
        this.q.promote.run(kind, message, row.id, h.n);
        this.q.touch.run(at, row.id);
        return { revision: headRevision({ kind, message }), coalesced: true };
      case 'replace': {
        const kept = message || h.message;
        this.q.replaceContent.run(yaml, hash, at, kept, row.id, h.n);
        this.q.touch.run(at, row.id);
        return { revision: headRevision({ createdAt: at, message: kept }), coalesced: true };
      }
      case 'append':
        this.q.insertRevision.run(row.id, h.n + 1, at, kind, message, yaml, hash, date.getTime());
        this.q.touch.run(at, row.id);
        return { revision: { revision: h.n + 1, createdAt: at, kind, message, yaml, hash }, coalesced: false };
    }
  }

  createModel(input: { name: string; yaml: string; message?: string; kind?: RevisionKind }): ModelRecord {
    const name = checkName(input.name);
    const { yaml, message, kind } = checkSave({ yaml: input.yaml, message: input.message, kind: input.kind ?? 'save' });
    const date = this.now();
    const at = date.toISOString();
    const id = newModelId();
    const hash = contentHash(yaml);
    this.write(() => {
      this.q.insertModel.run(id, name, at, at);
      this.q.insertRevision.run(id, 1, at, kind, message, yaml, hash, date.getTime());
    });
    return {
      summary: { id, name, createdAt: at, updatedAt: at, revisions: 1, deletedAt: null },
      head: { revision: 1, createdAt: at, kind, message, yaml, hash },
      viewState: {},
    };
  }

  listModels({ trashed: wantTrashed = false }: { trashed?: boolean } = {}): ModelSummary[] {
    return this.guard(() => this.q.list.all(wantTrashed ? 1 : 0).map(SqliteModelStore.summary));
  }

  getModel(id: string): ModelRecord {
    // One read transaction: the summary and the head come from the same snapshot.
    return this.guard(() =>
      this.db.transaction(() => {
        const row = this.row(id);
        return {
          summary: SqliteModelStore.summary(row),
          head: SqliteModelStore.revision(this.q.head.get(id)!),
          viewState: SqliteModelStore.viewState(row.view_state),
        };
      }).deferred(),
    );
  }

  saveRevision(id: string, input: { yaml: string; message?: string; kind: RevisionKind }): SaveResult {
    const { yaml, message, kind } = checkSave(input);
    return this.write(() => this.save(this.row(id), yaml, kind, message));
  }

  renameModel(id: string, name: string): ModelSummary {
    const clean = checkName(name);
    return this.write(() => {
      this.row(id);
      this.q.rename.run(clean, this.now().toISOString(), id);
      return SqliteModelStore.summary(this.row(id));
    });
  }

  trashModel(id: string): ModelSummary {
    return this.write(() => {
      this.row(id);
      this.q.trash.run(this.now().toISOString(), id);
      return SqliteModelStore.summary(this.row(id));
    });
  }

  restoreModel(id: string): ModelSummary {
    return this.write(() => {
      this.row(id);
      this.q.untrash.run(id);
      return SqliteModelStore.summary(this.row(id));
    });
  }

  purgeModel(id: string): void {
    this.write(() => {
      if (this.q.purge.run(id).changes === 0) throw notFound(id);
    });
  }

  history(id: string): RevisionSummary[] {
    return this.guard(() =>
      this.db.transaction(() => {
        this.row(id);
        return this.q.history.all(id).map((r) => ({ revision: r.n, createdAt: r.created_at, message: r.message, kind: r.kind }));
      }).deferred(),
    );
  }

  private revisionOf(row: ModelRow, n: number): Revision {
    const r = this.q.revision.get(row.id, checkRevisionNumber(n));
    if (!r) throw new StoreError('not-found', `Model "${row.name}" has no revision ${n}.`);
    return SqliteModelStore.revision(r);
  }

  getRevision(id: string, n: number): Revision {
    return this.guard(() => this.revisionOf(this.row(id), n));
  }

  restoreRevision(id: string, n: number): SaveResult {
    return this.write(() => {
      const row = this.row(id);
      return this.save(row, this.revisionOf(row, n).yaml, 'restore', `Restored revision ${n}`);
    });
  }

  setViewState(id: string, viewState: ViewState): void {
    const text = JSON.stringify(viewState);
    this.write(() => {
      if (this.q.viewState.run(text, id).changes === 0) throw notFound(id);
    });
  }

  diagnostics(): StoreDiagnostics {
    return this.guard(() => {
      const get = (name: string) => this.db.pragma(name, { simple: true });
      return {
        journalMode: String(get('journal_mode')),
        synchronous: Number(get('synchronous')),
        foreignKeys: get('foreign_keys') === 1,
        busyTimeoutMs: Number(get('busy_timeout')),
        schemaVersion: Number(get('user_version')),
      };
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
