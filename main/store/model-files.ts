/**
 * Moving models between the store and `*.keel.yaml` files (desktop open/save
 * dialogs, the CLI). Validation is the caller's job: these take text that has
 * already been parsed and checked, so a bad file never reaches the store.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { MAX_NAME_LENGTH } from './save-policy';
import type { ModelRecord, ModelStore, RevisionKind } from './types';

/**
 * Writes the whole file or nothing: a temp file beside the target, fsynced,
 * then renamed over it (rename is atomic within a directory), then the
 * directory fsynced so the rename itself survives a crash.
 */
export function writeFileAtomic(path: string, text: string): number {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const bytes = Buffer.from(text, 'utf8');
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  try {
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the file itself is already durable.
  }
  return bytes.length;
}

/** "orders.keel.yaml" or "C:\\x\\Orders v2.yml" -> a model name. */
export function modelNameFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.keel\.ya?ml$|\.ya?ml$/i, '').trim();
  return (stem || 'Imported model').slice(0, MAX_NAME_LENGTH);
}

/** A safe suggested file name for a model: lower-case letters, digits and dashes only. */
export function exportFileName(modelName: string): string {
  const stem = modelName
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${stem || 'model'}.keel.yaml`;
}

export interface ImportInput {
  /** Where the text came from (for the model name and the revision message). */
  fileName: string;
  /** Already validated model text. */
  text: string;
  /** Name for a new model (default: from the file name). */
  name?: string;
  /** Import as a new revision of this model instead of creating one. */
  into?: string;
}

export function importFile(store: ModelStore, input: ImportInput): ModelRecord {
  const message = `Imported ${basename(input.fileName.replace(/\\/g, '/'))}`.slice(0, 500);
  const kind: RevisionKind = 'import';
  if (input.into !== undefined) {
    store.saveRevision(input.into, { yaml: input.text, kind, message });
    return store.getModel(input.into);
  }
  return store.createModel({ name: input.name ?? modelNameFromFileName(input.fileName), yaml: input.text, kind, message });
}

/** Writes a model's head (or a given revision) to `path` atomically. */
export function exportFile(store: ModelStore, id: string, path: string, options: { revision?: number } = {}): { path: string; bytes: number } {
  const yaml = options.revision === undefined ? store.getModel(id).head.yaml : store.getRevision(id, options.revision).yaml;
  return { path, bytes: writeFileAtomic(path, yaml) };
}
