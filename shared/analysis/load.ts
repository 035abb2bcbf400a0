/**
 * Load propagation (section 4). Loads flow along every link with known ends
 * except into clients (a client's load is its own rps). Nodes on a cycle of
 * that flow, and every node downstream of one, have no defined load: NaN here,
 * null in the output.
 */
import type { Graph } from './graph';
import { csr, tarjanCsr } from './scc';

export interface Loads {
  /** Per node; NaN when undefined. */
  node: Float64Array;
  /** Per link: the rate it carries; NaN when undefined. */
  link: Float64Array;
  /** Node indices on a load cycle. */
  onCycle: Uint8Array;
}

/** Whether load flows over a link: both ends known, and not into a client. */
function carriesLoad(g: Graph, li: number): boolean {
  const l = g.links[li]!;
  return l.from >= 0 && l.to >= 0 && g.nodes[l.to]!.kind !== 'client';
}

/** What load propagation needs of the graph's shape alone: reused while links and kinds stay the same. */
export interface LoadPlan {
  /** Components of the load graph, sinks first, and whether each holds a cycle. */
  members: number[][];
  cyclic: boolean[];
  /** 1 where a link carries load. */
  carries: Uint8Array;
  /** The fraction of a queue's/topic's rate each consume link delivers. */
  share: Float64Array;
}

export function planLoads(g: Graph): LoadPlan {
  const n = g.ids.length;
  const carries = new Uint8Array(g.links.length);
  for (let li = 0; li < g.links.length; li++) if (carriesLoad(g, li)) carries[li] = 1;
  const { members, cyclic } = tarjanCsr(
    n,
    csr(n, g.links.length, (li) => carries[li] === 1, (li) => g.links[li]!.from, (li) => g.links[li]!.to),
  );

  // How a queue/topic shares its rate among consume links: a queue's consumers
  // compete (one share each); a topic gives each group the full rate, split
  // among that group's links.
  const share = new Float64Array(g.links.length);
  for (let v = 0; v < n; v++) {
    const kind = g.nodes[v]!.kind;
    if (kind !== 'queue' && kind !== 'topic') continue;
    const consumes = g.out[v]!.filter((li) => g.links[li]!.mode === 'consume');
    if (kind === 'queue') {
      for (const li of consumes) share[li] = 1 / consumes.length;
    } else {
      const groups = new Map<string, number>();
      const key = (li: number) => g.links[li]!.link.group ?? g.links[li]!.link.to;
      for (const li of consumes) groups.set(key(li), (groups.get(key(li)) ?? 0) + 1);
      for (const li of consumes) share[li] = 1 / groups.get(key(li))!;
    }
  }
  return { members, cyclic, carries, share };
}

export function computeLoads(g: Graph, loadFactor: number, plan: LoadPlan = planLoads(g)): Loads {
  const n = g.ids.length;
  const { members, cyclic, carries, share } = plan;
  const node = new Float64Array(n);
  const link = new Float64Array(g.links.length).fill(NaN);
  const onCycle = new Uint8Array(n);
  // Sources first: reverse of Tarjan's emission order.
  for (let c = members.length - 1; c >= 0; c--) {
    const group = members[c]!;
    if (cyclic[c]) {
      for (const v of group) {
        node[v] = NaN;
        onCycle[v] = 1;
      }
    } else {
      const v = group[0]!;
      const nd = g.nodes[v]!;
      if (nd.kind === 'client') {
        node[v] = (nd.rps ?? 0) * loadFactor;
      } else {
        let sum = 0;
        const into = g.in[v]!;
        for (let k = 0; k < into.length; k++) if (carries[into[k]!]) sum += link[into[k]!]!;
        node[v] = sum;
      }
    }
    // Set the rate of each link out of this component (its source is now known).
    for (const v of group) {
      const out = g.out[v]!;
      for (let k = 0; k < out.length; k++) {
        const li = out[k]!;
        const l = g.links[li]!;
        link[li] = l.mode === 'consume' ? node[v]! * share[li]! : node[v]! * l.calls;
      }
    }
  }
  return { node, link, onCycle };
}
