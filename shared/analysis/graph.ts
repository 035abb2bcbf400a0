/**
 * The model as an indexed graph: nodes by position, links with their mode and
 * endpoint indices, adjacency lists. Every analysis step works on this so that
 * a 10,000-node model is a few array walks, not map look-ups per step.
 */
import type { LinkMode } from '../model/defaults';
import type { Link, Model, ModelNode } from '../model/types';

export interface GraphLink {
  /** Position in `graph.links` (== index in `model.links`). */
  i: number;
  /** The link's id, resolved as resolveLinks does: its own, else `from->to`, then `from->to#2`. */
  id: string;
  link: Link;
  mode: LinkMode;
  /** Node index, or -1 when the id names no node. */
  from: number;
  to: number;
  /** link.calls (default 1), link.parallel and link.retries (default 0), read once: the hot loops read them here. */
  calls: number;
  parallel: boolean;
  retries: number;
}

/** A link's record; every one has the same shape, so the loops over them stay fast. */
const graphLink = (i: number, id: string, link: Link, mode: LinkMode, from: number, to: number): GraphLink => ({
  i,
  id,
  link,
  mode,
  from,
  to,
  calls: link.calls ?? 1,
  parallel: link.parallel === true,
  retries: link.retries ?? 0,
});

export interface Graph {
  ids: string[];
  nodes: ModelNode[];
  index: Map<string, number>;
  links: GraphLink[];
  /** Link positions out of / into each node. */
  out: number[][];
  in: number[][];
}

export function buildGraph(model: Model): Graph {
  const ids = Object.keys(model.nodes);
  const n = ids.length;
  const nodes: ModelNode[] = new Array(n);
  const messaging = new Uint8Array(n);
  const index = new Map<string, number>();
  const out: number[][] = new Array(n);
  const inn: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const node = model.nodes[ids[i]!]!;
    nodes[i] = node;
    if (node.kind === 'queue' || node.kind === 'topic') messaging[i] = 1;
    index.set(ids[i]!, i);
    out[i] = [];
    inn[i] = [];
  }
  // Ids as resolveLinks gives them, without copying every link object. Repeats
  // of a pair of known nodes are counted by their indices (no string hashing).
  const source = model.links ?? [];
  const links: GraphLink[] = new Array(source.length);
  const seenPair = new Map<number, number>();
  const seenName = new Map<string, number>();
  for (let i = 0; i < source.length; i++) {
    const link = source[i]!;
    const fromId = link.from;
    const toId = link.to;
    const from = index.get(fromId) ?? -1;
    const to = index.get(toId) ?? -1;
    let id = link.id;
    if (id === undefined) {
      let k: number;
      if (from >= 0 && to >= 0) {
        const pair = from * n + to;
        k = (seenPair.get(pair) ?? 0) + 1;
        seenPair.set(pair, k);
      } else {
        const base = `${fromId}->${toId}`;
        k = (seenName.get(base) ?? 0) + 1;
        seenName.set(base, k);
      }
      id = k === 1 ? `${fromId}->${toId}` : `${fromId}->${toId}#${k}`;
    }
    if (from >= 0) out[from]!.push(i);
    if (to >= 0) inn[to]!.push(i);
    // Section 3 (as linkMode): to a queue/topic is a publish, from one a consume, async: true is fire-and-forget.
    const mode: LinkMode = to >= 0 && messaging[to] ? 'publish' : from >= 0 && messaging[from] ? 'consume' : link.async ? 'async' : 'sync';
    links[i] = graphLink(i, id, link, mode, from, to);
  }
  return { ids, nodes, index, links, out, in: inn };
}

/** Synchronous links are the ones that hold a caller until the callee answers. */
export const isSync = (l: GraphLink): boolean => l.mode === 'sync';
/**
 * Hard dependency (section 4): a non-optional sync link or a publish
 * (publishing needs the broker); consumes and `async: true` links are not.
 */
export const isHard = (l: GraphLink): boolean => (l.mode === 'sync' || l.mode === 'publish') && !l.link.optional;

/**
 * What the graph's shape depends on, copied as plain values (so a model
 * changed in place is still compared with what the graph was built from):
 * node ids in order with their kinds, and each link's ends, id and the flags
 * that decide its mode, closure and consumer group.
 */
export interface Shape {
  ids: string[];
  kinds: string[];
  links: (string | boolean | undefined)[];
}

const LINK_SHAPE = ['from', 'to', 'id', 'async', 'optional', 'group'] as const;

export function shapeOf(model: Model): Shape {
  const ids = Object.keys(model.nodes);
  const kinds = ids.map((id) => model.nodes[id]!.kind);
  const source = model.links ?? [];
  const links: (string | boolean | undefined)[] = new Array(source.length * LINK_SHAPE.length);
  let k = 0;
  for (const l of source) for (const f of LINK_SHAPE) links[k++] = l[f];
  return { ids, kinds, links };
}

export function sameShape(shape: Shape, model: Model): boolean {
  const ids = Object.keys(model.nodes);
  if (ids.length !== shape.ids.length) return false;
  for (let v = 0; v < ids.length; v++) {
    if (ids[v] !== shape.ids[v] || model.nodes[ids[v]!]!.kind !== shape.kinds[v]) return false;
  }
  const source = model.links ?? [];
  if (source.length * LINK_SHAPE.length !== shape.links.length) return false;
  let k = 0;
  for (const l of source) for (const f of LINK_SHAPE) if (l[f] !== shape.links[k++]) return false;
  return true;
}

/** The graph of `model`, which has `g`'s shape: indexes shared, nodes and links read from `model`. */
export function rebindGraph(g: Graph, model: Model): Graph {
  const nodes: ModelNode[] = new Array(g.ids.length);
  for (let v = 0; v < g.ids.length; v++) nodes[v] = model.nodes[g.ids[v]!]!;
  const source = model.links ?? [];
  const links: GraphLink[] = new Array(source.length);
  for (let i = 0; i < source.length; i++) {
    const l = g.links[i]!;
    links[i] = graphLink(i, l.id, source[i]!, l.mode, l.from, l.to);
  }
  return { ids: g.ids, nodes, index: g.index, links, out: g.out, in: g.in };
}
