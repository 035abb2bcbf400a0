/**
 * Commands: pure recipes that turn one model into the next. The store records
 * their patches for undo; nothing here knows about React or React Flow.
 */
import type { Draft } from 'immer';
import { NODE_KINDS, type NodeKind } from '../../../shared/model/schema';
import { resolveLinks } from '../../../shared/model/defaults';
import type { Link, Model, ModelNode } from '../../../shared/model/types';
import type { Recipe } from './store';

export type Path = readonly (string | number)[];

/** `service`, `service-2`, `service-3`, ...: the first id of that stem not in use. */
export function uniqueId(stem: string, taken: (id: string) => boolean): string {
  const base =
    stem
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, 56) || 'node';
  if (!taken(base)) return base;
  for (let i = 2; ; i++) {
    const id = `${base}-${i}`;
    if (!taken(id)) return id;
  }
}

export function isNodeKind(value: string): value is NodeKind {
  return (NODE_KINDS as readonly string[]).includes(value);
}

export const addNode =
  (id: string, kind: NodeKind, at: { x: number; y: number }, context?: string): Recipe =>
  (m) => {
    const node = { kind } as Draft<ModelNode>;
    if (context) node.context = context;
    m.nodes[id] = node;
    (m.layout ??= {})[id] = { x: Math.round(at.x), y: Math.round(at.y) };
  };

export const moveNodes =
  (positions: Record<string, { x: number; y: number }>): Recipe =>
  (m) => {
    const layout = (m.layout ??= {});
    for (const [id, p] of Object.entries(positions)) {
      if (!(id in m.nodes)) continue;
      const x = Math.round(p.x);
      const y = Math.round(p.y);
      const cur = layout[id];
      if (cur) {
        if (cur.x !== x) cur.x = x;
        if (cur.y !== y) cur.y = y;
      } else layout[id] = { x, y };
    }
  };

export const connect =
  (from: string, to: string): Recipe =>
  (m) => {
    if (from === to || !(from in m.nodes) || !(to in m.nodes)) return;
    (m.links ??= []).push({ from, to });
  };

/** Deletes nodes (with their links and layout), links (by resolved id) and contexts (members keep their place, lose the context). */
export const deleteElements =
  (ids: Iterable<string>): Recipe =>
  (m) => {
    const nodes = new Set<string>();
    const links = new Set<string>();
    const contexts = new Set<string>();
    for (const id of ids) {
      if (id.startsWith('ctx:')) contexts.add(id.slice(4));
      else if (id in m.nodes) nodes.add(id);
      else links.add(id);
    }
    const resolved = resolveLinks(m as Model);
    if (m.links) {
      const keep = resolved
        .filter((l) => !links.has(l.id) && !nodes.has(l.from) && !nodes.has(l.to))
        .map((l) => l.index);
      if (keep.length !== m.links.length) {
        const kept = new Set(keep);
        m.links = m.links.filter((_, i) => kept.has(i));
      }
    }
    for (const id of nodes) {
      delete m.nodes[id];
      if (m.layout) delete m.layout[id];
    }
    for (const n of Object.values(m.nodes)) {
      if (n.kind === 'database' && n.owner && nodes.has(n.owner)) delete n.owner;
      if ((n.kind === 'queue' || n.kind === 'topic') && typeof n.deadLetter === 'string' && nodes.has(n.deadLetter))
        delete n.deadLetter;
    }
    if (contexts.size && m.contexts) {
      for (const c of contexts) delete m.contexts[c];
      for (const n of Object.values(m.nodes)) if (n.context && contexts.has(n.context)) delete n.context;
    }
    if (m.suppress) m.suppress = m.suppress.filter((s) => !s.node || !nodes.has(s.node));
  };

/**
 * Sets the value at `path` inside the model; `undefined` or '' removes it and
 * prunes parents that become empty (an empty `capacity: {}` would be invalid).
 */
export const setIn =
  (path: Path, value: unknown): Recipe =>
  (m) => {
    writePath(m as unknown as Record<string, unknown>, path, value);
  };

export function writePath(root: Record<string, unknown>, path: Path, value: unknown): void {
  if (path.length === 0) return;
  const remove = value === undefined || value === '';
  const chain: [Record<string | number, unknown>, string | number][] = [];
  let cur: Record<string | number, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    let next = cur[key];
    if (next === undefined || next === null || typeof next !== 'object') {
      if (remove) return;
      next = typeof path[i + 1] === 'number' ? [] : {};
      cur[key] = next;
    }
    chain.push([cur, key]);
    cur = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (remove) {
    if (Array.isArray(cur) && typeof last === 'number') cur.splice(last, 1);
    else delete cur[last];
    // Prune emptied parents, but never the model's own required maps.
    for (let i = chain.length - 1; i >= 1; i--) {
      const [parent, key] = chain[i]!;
      const child = parent[key];
      if (child && typeof child === 'object' && !Array.isArray(child) && Object.keys(child).length === 0)
        delete parent[key];
      else break;
    }
  } else if (cur[last] !== value) {
    cur[last] = value;
  }
}

export function readPath(root: unknown, path: Path): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

export const setLinkField =
  (linkId: string, field: keyof Link, value: unknown): Recipe =>
  (m) => {
    const l = resolveLinks(m as Model).find((r) => r.id === linkId);
    if (!l || !m.links) return;
    writePath(m.links[l.index] as unknown as Record<string, unknown>, [field], value);
  };

export const setContext =
  (nodeIds: readonly string[], context: string | undefined): Recipe =>
  (m) => {
    for (const id of nodeIds) {
      const n = m.nodes[id];
      if (!n) continue;
      if (context) {
        if (n.context !== context) n.context = context;
      } else if (n.context !== undefined) delete n.context;
    }
  };

export const addContext =
  (id: string, name?: string): Recipe =>
  (m) => {
    (m.contexts ??= {})[id] = name ? { name } : {};
  };

/** Renames a node id everywhere it is referred to. */
export const renameNode =
  (from: string, to: string): Recipe =>
  (m) => {
    if (from === to || !(from in m.nodes) || to in m.nodes) return;
    const nodes: Record<string, Draft<ModelNode>> = {};
    for (const [id, n] of Object.entries(m.nodes)) nodes[id === from ? to : id] = n;
    m.nodes = nodes;
    if (m.layout?.[from]) {
      m.layout[to] = m.layout[from]!;
      delete m.layout[from];
    }
    for (const l of m.links ?? []) {
      if (l.from === from) l.from = to;
      if (l.to === from) l.to = to;
    }
    for (const n of Object.values(m.nodes)) {
      if (n.kind === 'database' && n.owner === from) n.owner = to;
      if ((n.kind === 'queue' || n.kind === 'topic') && n.deadLetter === from) n.deadLetter = to;
    }
    for (const s of m.suppress ?? []) if (s.node === from) s.node = to;
  };
