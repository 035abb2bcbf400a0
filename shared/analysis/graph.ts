/**
 * The model as an indexed graph: nodes by position, links with their mode and
 * endpoint indices, adjacency lists. Every analysis step works on this so that
 * a 10,000-node model is a few array walks, not map look-ups per step.
 */
import { linkMode, type LinkMode } from '../model/defaults';
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
}

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
  const nodes: ModelNode[] = new Array(ids.length);
  const index = new Map<string, number>();
  const out: number[][] = new Array(ids.length);
  const inn: number[][] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    nodes[i] = model.nodes[ids[i]!]!;
    index.set(ids[i]!, i);
    out[i] = [];
    inn[i] = [];
  }
  // Ids as resolveLinks gives them, without copying every link object.
  const source = model.links ?? [];
  const links: GraphLink[] = new Array(source.length);
  const seen = new Map<string, number>();
  for (let i = 0; i < source.length; i++) {
    const link = source[i]!;
    let id = link.id;
    if (id === undefined) {
      const base = `${link.from}->${link.to}`;
      const k = (seen.get(base) ?? 0) + 1;
      seen.set(base, k);
      id = k === 1 ? base : `${base}#${k}`;
    }
    const from = index.get(link.from) ?? -1;
    const to = index.get(link.to) ?? -1;
    if (from >= 0) out[from]!.push(i);
    if (to >= 0) inn[to]!.push(i);
    links[i] = { i, id, link, mode: linkMode(model, link), from, to };
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
    links[i] = { i, id: l.id, link: source[i]!, mode: l.mode, from: l.from, to: l.to };
  }
  return { ids: g.ids, nodes, index: g.index, links, out: g.out, in: g.in };
}
