/**
 * Compare two revisions of a model: which nodes, links, contexts, schemas and
 * decisions were added, removed or changed, and which fields changed. Canvas
 * positions (`layout`) are not design changes and are left out.
 */
import { resolveLinks } from '../model/defaults';
import type { Model } from '../model/types';

export interface FieldChange {
  /** Dotted path inside the entity, e.g. `capacity.rps` or `api.endpoints.0.path`. */
  path: string;
  before: unknown;
  after: unknown;
}

export interface EntityChanges {
  added: string[];
  removed: string[];
  changed: { id: string; fields: FieldChange[] }[];
}

export interface ModelDiff {
  nodes: EntityChanges;
  links: EntityChanges;
  contexts: EntityChanges;
  schemas: EntityChanges;
  decisions: EntityChanges;
  /** Top-level fields other than the collections above (name, slo, analysis, suppress, ...). */
  model: FieldChange[];
  /** True when nothing but positions differ. */
  empty: boolean;
}

const COLLECTIONS = ['nodes', 'links', 'contexts', 'schemas', 'decisions', 'layout', 'notes', 'views'] as const;

export function diffModels(before: Model, after: Model): ModelDiff {
  const nodes = diffRecords(before.nodes, after.nodes);
  const links = diffRecords(linksById(before), linksById(after));
  const contexts = diffRecords(before.contexts ?? {}, after.contexts ?? {});
  const schemas = diffRecords(before.schemas ?? {}, after.schemas ?? {});
  const decisions = diffRecords(byId(before.decisions ?? []), byId(after.decisions ?? []));
  const model: FieldChange[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of [...keys].sort()) {
    if ((COLLECTIONS as readonly string[]).includes(key)) continue;
    fieldChanges((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], key, model);
  }
  for (const key of ['notes', 'views'] as const) {
    fieldChanges(before[key], after[key], key, model);
  }
  const empty =
    [nodes, links, contexts, schemas, decisions].every(
      (c) => c.added.length === 0 && c.removed.length === 0 && c.changed.length === 0,
    ) && model.length === 0;
  return { nodes, links, contexts, schemas, decisions, model, empty };
}

function linksById(model: Model): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const link of resolveLinks(model)) {
    // The resolved id and list index are bookkeeping, not content.
    const { index: _index, id, ...rest } = link;
    out[id] = rest;
  }
  return out;
}

function byId<T extends { id: string }>(items: T[]): Record<string, T> {
  return Object.fromEntries(items.map((item) => [item.id, item]));
}

function diffRecords(before: Record<string, unknown>, after: Record<string, unknown>): EntityChanges {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: { id: string; fields: FieldChange[] }[] = [];
  for (const id of Object.keys(after).sort()) {
    if (!(id in before)) added.push(id);
  }
  for (const id of Object.keys(before).sort()) {
    if (!(id in after)) {
      removed.push(id);
      continue;
    }
    const fields: FieldChange[] = [];
    fieldChanges(before[id], after[id], '', fields);
    if (fields.length > 0) changed.push({ id, fields });
  }
  return { added, removed, changed };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Collects leaf-level differences; arrays of different length are compared element by element. */
function fieldChanges(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (Object.is(before, after)) return;
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of [...keys].sort()) {
      fieldChanges(before[key], after[key], path ? `${path}.${key}` : key, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) fieldChanges(before[i], after[i], path ? `${path}.${i}` : String(i), out);
    return;
  }
  out.push({ path, before, after });
}
