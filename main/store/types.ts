/**
 * The local store of models and their revisions, behind one interface with two
 * implementations: SQLite on disk (sqlite-store.ts) and memory (memory-store.ts,
 * for fast tests of the code above). Both pass store-contract.test-helpers.ts.
 *
 * All methods are synchronous (better-sqlite3 is); callers that must not block
 * a window run the store off the UI thread.
 */
import type { ModelSummary, RevisionSummary, ViewState } from '../../shared/api/contract';

export type { ModelSummary, RevisionSummary, ViewState };

export type RevisionKind = RevisionSummary['kind'];

/** One stored version of a model: canonical YAML text as the caller gave it. */
export interface Revision extends RevisionSummary {
  yaml: string;
  /** sha256 hex of `yaml`: identical saves are detected by it. */
  hash: string;
}

/** A model as opened: its summary, its newest revision and its saved view. */
export interface ModelRecord {
  summary: ModelSummary;
  head: Revision;
  viewState: ViewState;
}

export interface CreateModelInput {
  name: string;
  yaml: string;
  message?: string;
  /** Kind of the first revision (default 'save'; 'import' for imported files). */
  kind?: RevisionKind;
}

export interface SaveRevisionInput {
  yaml: string;
  message?: string;
  kind: RevisionKind;
}

export interface SaveResult {
  /** The head after the save. */
  revision: Revision;
  /**
   * true when no revision was added: the content equalled the head, or an
   * autosave was folded into the head autosave.
   */
  coalesced: boolean;
}

export interface ModelStore {
  createModel(input: CreateModelInput): ModelRecord;
  /** Live models by default; `trashed: true` lists only the trash. Most recently updated first. */
  listModels(options?: { trashed?: boolean }): ModelSummary[];
  /** Throws StoreError 'not-found'. Trashed models can still be opened (read only). */
  getModel(id: string): ModelRecord;
  /**
   * Adds a revision, with two exceptions (both return `coalesced: true`):
   * - content identical to the head adds nothing (if the head is an autosave
   *   and this is not, the head takes this kind and message, so coalescing ends);
   * - an autosave onto a head autosave created less than `coalesceMs` ago
   *   replaces that autosave's content in place. The window is anchored at the
   *   head autosave's creation, so a long editing session still leaves one
   *   revision per window.
   * Throws 'not-found', or 'trashed' for a model in the trash.
   */
  saveRevision(id: string, input: SaveRevisionInput): SaveResult;
  renameModel(id: string, name: string): ModelSummary;
  /** Soft delete: moves the model to the trash (sets deletedAt). */
  trashModel(id: string): ModelSummary;
  /** Takes the model out of the trash. */
  restoreModel(id: string): ModelSummary;
  /** Deletes the model and all its revisions for good. */
  purgeModel(id: string): void;
  /** Newest first. */
  history(id: string): RevisionSummary[];
  /** Throws 'not-found' for an unknown model or revision number. */
  getRevision(id: string, revision: number): Revision;
  /**
   * Makes revision n's content the head by adding a revision of kind 'restore'
   * (history is never rewritten). Same result rules as saveRevision.
   */
  restoreRevision(id: string, revision: number): SaveResult;
  setViewState(id: string, viewState: ViewState): void;
  close(): void;
}

export interface StoreOptions {
  /** Clock (tests inject one). Default: () => new Date(). */
  now?: () => Date;
  /** Autosave coalescing window in ms (default 60_000; 0 disables coalescing). */
  coalesceMs?: number;
}

export const DEFAULT_COALESCE_MS = 60_000;

export type StoreErrorCode =
  | 'not-found'
  | 'trashed'
  | 'invalid'
  /** The database file is damaged (integrity check failed or not a database). */
  | 'corrupt'
  /** The database was written by a newer Keel (user_version above what this build knows). */
  | 'too-new'
  | 'io';

/** An error meant for the user (as opposed to a bug); the message names the model or file. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}
