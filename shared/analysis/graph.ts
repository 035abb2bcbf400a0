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
