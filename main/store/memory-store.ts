/**
 * The ModelStore in memory: same behaviour as the SQLite store (both pass
 * store-contract.test-helpers.ts), for fast tests of the code above the store.
 */
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
  type CreateModelInput,
  type ModelRecord,
  type ModelStore,
  type ModelSummary,
  type Revision,
  type RevisionSummary,
  type SaveResult,
  type StoreOptions,
  type ViewState,
} from './types';

interface StoredRevision extends Revision {
  windowStartMs: number;
}

interface StoredModel {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  /** Tie-breaker for equal updatedAt: later writes list first, as in SQLite. */
  seq: number;
  deletedAt: string | null;
  viewState: ViewState;
  revisions: StoredRevision[];
}

export function createMemoryStore(options: StoreOptions = {}): ModelStore {
  const now = options.now ?? (() => new Date());
  const coalesceMs = options.coalesceMs ?? DEFAULT_COALESCE_MS;
  const models = new Map<string, StoredModel>();
  let seq = 0;
  let closed = false;

  const open = (): void => {
    if (closed) throw new StoreError('io', 'The store is closed.');
  };
  const find = (id: string): StoredModel => {
    open();
    const m = models.get(id);
    if (!m) throw notFound(id);
    return m;
  };
  const head = (m: StoredModel): StoredRevision => m.revisions[m.revisions.length - 1]!;
  const summary = (m: StoredModel): ModelSummary => ({
    id: m.id,
    name: m.name,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    revisions: m.revisions.length,
    deletedAt: m.deletedAt,
  });
  const copyRevision = ({ windowStartMs: _w, ...r }: StoredRevision): Revision => ({ ...r });
  const record = (m: StoredModel): ModelRecord => ({
    summary: summary(m),
    head: copyRevision(head(m)),
    viewState: structuredClone(m.viewState),
  });
  const touch = (m: StoredModel, at: string): void => {
    m.updatedAt = at;
    m.seq = ++seq;
  };

  const revisionOf = (m: StoredModel, n: number): StoredRevision => {
    const r = m.revisions[checkRevisionNumber(n) - 1];
    if (!r) throw new StoreError('not-found', `Model "${m.name}" has no revision ${n}.`);
    return r;
  };

  function save(m: StoredModel, yaml: string, kind: Revision['kind'], message: string): SaveResult {
    if (m.deletedAt) throw trashed(m.id, m.name);
    const date = now();
    const at = date.toISOString();
    const hash = contentHash(yaml);
    const h = head(m);
    switch (decideSave(h, kind, hash, date.getTime(), coalesceMs)) {
      case 'unchanged':
        return { revision: copyRevision(h), coalesced: true };
      case 'promote':
        Object.assign(h, { kind, message });
        touch(m, at);
        return { revision: copyRevision(h), coalesced: true };
      case 'replace':
        Object.assign(h, { yaml, hash, createdAt: at, message: message || h.message });
        touch(m, at);
        return { revision: copyRevision(h), coalesced: true };
      case 'append': {
        const r: StoredRevision = { revision: h.revision + 1, createdAt: at, message, kind, yaml, hash, windowStartMs: date.getTime() };
        m.revisions.push(r);
        touch(m, at);
        return { revision: copyRevision(r), coalesced: false };
      }
    }
  }

  return {
    createModel(input: CreateModelInput): ModelRecord {
      open();
      const name = checkName(input.name);
      const { yaml, message, kind } = checkSave({ yaml: input.yaml, message: input.message, kind: input.kind ?? 'save' });
      const date = now();
      const at = date.toISOString();
      const m: StoredModel = {
        id: newModelId(),
        name,
        createdAt: at,
        updatedAt: at,
        seq: ++seq,
        deletedAt: null,
        viewState: {},
        revisions: [{ revision: 1, createdAt: at, message, kind, yaml, hash: contentHash(yaml), windowStartMs: date.getTime() }],
      };
      models.set(m.id, m);
      return record(m);
    },

    listModels({ trashed: wantTrashed = false } = {}): ModelSummary[] {
      open();
      return [...models.values()]
        .filter((m) => (m.deletedAt !== null) === wantTrashed)
        .sort((a, b) => (a.updatedAt === b.updatedAt ? b.seq - a.seq : a.updatedAt < b.updatedAt ? 1 : -1))
        .map(summary);
    },

    getModel: (id) => record(find(id)),

    saveRevision(id, input) {
      const { yaml, message, kind } = checkSave(input);
      return save(find(id), yaml, kind, message);
    },

    renameModel(id, name) {
      const clean = checkName(name);
      const m = find(id);
      m.name = clean;
      touch(m, now().toISOString());
      return summary(m);
    },

    trashModel(id) {
      const m = find(id);
      m.deletedAt ??= now().toISOString();
      return summary(m);
    },

    restoreModel(id) {
      const m = find(id);
      m.deletedAt = null;
      return summary(m);
    },

    purgeModel(id) {
      find(id);
      models.delete(id);
    },

    history(id): RevisionSummary[] {
      return find(id)
        .revisions.map(({ revision, createdAt, message, kind }) => ({ revision, createdAt, message, kind }))
        .reverse();
    },

    getRevision: (id, n) => copyRevision(revisionOf(find(id), n)),

    restoreRevision(id, n) {
      const m = find(id);
      return save(m, revisionOf(m, n).yaml, 'restore', `Restored revision ${n}`);
    },

    setViewState(id, viewState) {
      find(id).viewState = structuredClone(viewState);
    },

    close() {
      closed = true;
    },
  };
}
