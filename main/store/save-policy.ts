/**
 * What a save does to a model's history, decided the same way by every store
 * implementation (so the memory store cannot drift from the SQLite one).
 */
import { createHash, randomBytes } from 'node:crypto';
import { StoreError, type RevisionKind, type SaveRevisionInput } from './types';

export const REVISION_KINDS: readonly RevisionKind[] = ['autosave', 'snapshot', 'save', 'import', 'restore'];
export const MAX_NAME_LENGTH = 200;
export const MAX_MESSAGE_LENGTH = 500;

/** What the policy needs to know about the head revision. */
export interface HeadFacts {
  kind: RevisionKind;
  hash: string;
  /** When the head's coalescing window opened (its first write), ms since epoch. */
  windowStartMs: number;
}

export type SaveAction =
  /** Same content as the head and nothing to record: return the head. */
  | 'unchanged'
  /** Same content as a head autosave, saved deliberately: the head takes the new kind and message. */
  | 'promote'
  /** An autosave within the window of a head autosave: replace its content in place. */
  | 'replace'
  | 'append';

export function decideSave(head: HeadFacts, kind: RevisionKind, hash: string, nowMs: number, coalesceMs: number): SaveAction {
  if (hash === head.hash) {
    // Without promotion, the next autosave would overwrite what the user just saved.
    return head.kind === 'autosave' && kind !== 'autosave' ? 'promote' : 'unchanged';
  }
  if (kind === 'autosave' && head.kind === 'autosave' && nowMs - head.windowStartMs < coalesceMs) return 'replace';
  return 'append';
}

export function contentHash(yaml: string): string {
  return createHash('sha256').update(yaml, 'utf8').digest('hex');
}

/** 128 random bits, url-safe (matches the API's ModelId pattern); never derived from a name. */
export function newModelId(): string {
  return randomBytes(16).toString('base64url');
}

export function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw new StoreError('invalid', 'A model name must not be empty.');
  const trimmed = name.trim();
  if (trimmed.length > MAX_NAME_LENGTH) {
    throw new StoreError('invalid', `A model name must be at most ${MAX_NAME_LENGTH} characters.`);
  }
  return trimmed;
}

export function checkSave(input: SaveRevisionInput): { yaml: string; message: string; kind: RevisionKind } {
  if (typeof input.yaml !== 'string') throw new StoreError('invalid', 'Model text must be a string.');
  if (!REVISION_KINDS.includes(input.kind)) {
    throw new StoreError('invalid', `Unknown revision kind "${String(input.kind)}".`);
  }
  const message = input.message ?? '';
  if (typeof message !== 'string' || message.length > MAX_MESSAGE_LENGTH) {
    throw new StoreError('invalid', `A revision message must be a string of at most ${MAX_MESSAGE_LENGTH} characters.`);
  }
  return { yaml: input.yaml, message, kind: input.kind };
}

export function checkRevisionNumber(n: unknown): number {
  if (!Number.isSafeInteger(n) || (n as number) < 1) {
    throw new StoreError('invalid', `A revision number must be a positive integer, not ${String(n)}.`);
  }
  return n as number;
}

export function notFound(id: string): StoreError {
  return new StoreError('not-found', `No model with id "${id}".`);
}

export function trashed(id: string, name: string): StoreError {
  return new StoreError('trashed', `Model "${name}" (${id}) is in the trash: restore it before saving.`);
}
