/**
 * What changed between two versions of the model, for the analysis worker,
 * which keeps its own copy: immer shares every untouched part, so identity
 * tells what changed and an edit sends one node instead of a thousand.
 * `layout` is left out: positions never change the analysis.
 */
import type { Model, ModelNode } from '../../../shared/model/types';

export interface ModelDelta {
  /** A whole model (first request, or after the worker was restarted). */
  full?: Model;
  /** Top-level fields other than nodes and layout that changed (undefined = removed). */
  fields?: Partial<Record<keyof Model, unknown>>;
  /** Nodes added or changed. */
  nodes?: Record<string, ModelNode>;
  /** Ids of nodes removed. */
  removed?: string[];
}

/** True when nothing the analysis reads changed. */
export function isEmptyDelta(d: ModelDelta): boolean {
  return !d.full && !d.fields && !d.nodes && !d.removed;
}

export function diffModel(prev: Model | null, next: Model): ModelDelta {
  if (!prev) return { full: withoutLayout(next) };
  if (prev === next) return {};
  const delta: ModelDelta = {};
  const keys = new Set([...Object.keys(prev), ...Object.keys(next)] as (keyof Model)[]);
  for (const k of keys) {
    if (k === 'layout' || k === 'nodes' || prev[k] === next[k]) continue;
    (delta.fields ??= {})[k] = next[k];
  }
  if (prev.nodes !== next.nodes) {
    for (const [id, n] of Object.entries(next.nodes)) if (prev.nodes[id] !== n) (delta.nodes ??= {})[id] = n;
    for (const id of Object.keys(prev.nodes)) if (!(id in next.nodes)) (delta.removed ??= []).push(id);
  }
  return delta;
}

/** Applies a delta to the worker's copy (in place for nodes: the copy is the worker's own). */
export function applyDelta(base: Model | null, d: ModelDelta): Model {
  if (d.full) return d.full;
  if (!base) throw new Error('analysis worker: a partial model update arrived before the model');
  let model = base;
  if (d.fields) {
    model = { ...model };
    for (const [k, v] of Object.entries(d.fields)) {
      if (v === undefined) delete (model as unknown as Record<string, unknown>)[k];
      else (model as unknown as Record<string, unknown>)[k] = v;
    }
  }
  if (d.nodes || d.removed) {
    const nodes = { ...model.nodes };
    for (const id of d.removed ?? []) delete nodes[id];
    // Order matters to nothing the analysis reports, but keep the model's: new ids go last.
    Object.assign(nodes, d.nodes);
    model = { ...model, nodes };
  }
  return model;
}

function withoutLayout(m: Model): Model {
  if (!('layout' in m)) return m;
  const { layout: _layout, ...rest } = m;
  return rest as Model;
}

/**
 * True when the delta may change which clients reach which nodes (and so the
 * blast radii): links, node ids or node kinds. Capacity, replicas, rps and
 * the like leave the topology alone.
 */
export function changesTopology(base: Model | null, d: ModelDelta): boolean {
  if (!base || d.full || d.removed?.length || (d.fields && 'links' in d.fields)) return true;
  for (const [id, n] of Object.entries(d.nodes ?? {})) if (base.nodes[id]?.kind !== n.kind) return true;
  return false;
}
