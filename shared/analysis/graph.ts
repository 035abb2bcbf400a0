/**
 * The model as an indexed graph: nodes by position, links with their mode and
 * endpoint indices, adjacency lists. Every analysis step works on this so that
 * a 10,000-node model is a few array walks, not map look-ups per step.
 */
import { linkMode, resolveLinks, type LinkMode } from '../model/defaults';
import type { Model, ModelNode, ResolvedLink } from '../model/types';

export interface GraphLink {
  /** Position in `graph.links` (== index in `model.links`). */
  i: number;
  id: string;
  link: ResolvedLink;
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
  const nodes = ids.map((id) => model.nodes[id]!);
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const out: number[][] = ids.map(() => []);
  const inn: number[][] = ids.map(() => []);
  const links = resolveLinks(model).map((link, i): GraphLink => {
    const from = index.get(link.from) ?? -1;
    const to = index.get(link.to) ?? -1;
    if (from >= 0) out[from]!.push(i);
    if (to >= 0) inn[to]!.push(i);
    return { i, id: link.id, link, mode: linkMode(model, link), from, to };
  });
  return { ids, nodes, index, links, out, in: inn };
}

/** Synchronous links are the ones that hold a caller until the callee answers. */
export const isSync = (l: GraphLink): boolean => l.mode === 'sync';
/**
 * Hard dependency (section 4): a non-optional sync link or a publish
 * (publishing needs the broker); consumes and `async: true` links are not.
 */
export const isHard = (l: GraphLink): boolean => (l.mode === 'sync' || l.mode === 'publish') && !l.link.optional;
