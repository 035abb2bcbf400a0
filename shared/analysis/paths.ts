/**
 * Worst sync paths out of each node: the deepest chain of sync links and the
 * largest retry amplification (product of 1 + retries). A path stops at the
 * first node on a sync cycle (section 5), so both are finite on any model.
 */
import { isSync, type Graph } from './graph';
import type { Components } from './scc';

export interface SyncPaths {
  depth: Int32Array;
  /** Link that continues the deepest path from each node, or -1. */
  depthNext: Int32Array;
  amplification: Float64Array;
  ampNext: Int32Array;
}

export function computeSyncPaths(g: Graph, sync: Components): SyncPaths {
  const n = g.ids.length;
  const depth = new Int32Array(n);
  const depthNext = new Int32Array(n).fill(-1);
  const amplification = new Float64Array(n).fill(1);
  const ampNext = new Int32Array(n).fill(-1);
  for (let c = 0; c < sync.members.length; c++) {
    if (sync.cyclic[c]) continue; // paths stop here: depth 0, amplification 1
    const v = sync.members[c]![0]!;
    for (const li of g.out[v]!) {
      const l = g.links[li]!;
      if (!isSync(l)) continue;
      const d = 1 + (l.to >= 0 ? depth[l.to]! : 0);
      if (d > depth[v]!) {
        depth[v] = d;
        depthNext[v] = li;
      }
      const a = (1 + l.retries) * (l.to >= 0 ? amplification[l.to]! : 1);
      if (a > amplification[v]! || (ampNext[v] === -1 && a >= amplification[v]!)) {
        amplification[v] = a;
        ampNext[v] = li;
      }
    }
  }
  return { depth, depthNext, amplification, ampNext };
}

/** Follows `next` links from `start`: the links and the nodes they reach. */
export function followPath(g: Graph, start: number, next: Int32Array): { nodes: number[]; links: number[] } {
  const nodes = [start];
  const links: number[] = [];
  let v = start;
  while (v >= 0 && next[v]! >= 0 && links.length <= g.links.length) {
    const li = next[v]!;
    links.push(li);
    v = g.links[li]!.to;
    if (v >= 0) nodes.push(v);
  }
  return { nodes, links };
}
