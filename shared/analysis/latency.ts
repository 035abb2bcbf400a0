/**
 * Latency budget R(n) (section 4): own latency inflated by queueing,
 * latencyMs / (1 - utilization), plus ceil(calls) x R(to) for each sequential
 * sync link and the largest R(to) over parallel ones. NaN = undefined (on or
 * above a sync cycle, load undefined, or calls a node that does not exist);
 * Infinity = unbounded (something on the way is saturated).
 */
import { latencyOf } from '../model/defaults';
import { isSync, type Graph } from './graph';
import { csr, tarjanCsr, type Components, type Csr } from './scc';

export interface Latencies {
  /** R(n) per node. */
  node: Float64Array;
  /** What one call over each sync link adds to its caller: ceil(calls) x R(to), or R(to) when parallel. */
  link: Float64Array;
  /** Sync-graph components (shared with path rules). */
  sync: Components;
  /** Successors over sync links with known ends. */
  syncSucc: Csr;
}

/** The sync graph's shape: reused while links and kinds stay the same. */
export type LatencyPlan = Pick<Latencies, 'sync' | 'syncSucc'>;

export function planLatencies(g: Graph): LatencyPlan {
  const n = g.ids.length;
  const syncSucc = csr(
    n,
    g.links.length,
    (li) => g.links[li]!.from >= 0 && g.links[li]!.to >= 0 && isSync(g.links[li]!),
    (li) => g.links[li]!.from,
    (li) => g.links[li]!.to,
  );
  return { sync: tarjanCsr(n, syncSucc), syncSucc };
}

export function computeLatencies(g: Graph, load: Float64Array, utilization: Float64Array, plan: LatencyPlan = planLatencies(g)): Latencies {
  const n = g.ids.length;
  const { sync, syncSucc } = plan;
  const node = new Float64Array(n);
  const link = new Float64Array(g.links.length);
  // Sinks first: Tarjan's emission order.
  for (let c = 0; c < sync.members.length; c++) {
    const group = sync.members[c]!;
    if (sync.cyclic[c]) {
      for (const v of group) node[v] = NaN;
      continue;
    }
    const v = group[0]!;
    node[v] = budget(g, v, load, utilization, node, link);
  }
  // Links out of cyclic components were not visited; mark them undefined.
  for (const l of g.links) if (isSync(l) && l.from >= 0 && Number.isNaN(node[l.from]!)) link[l.i] = NaN;
  return { node, link, sync, syncSucc };
}

function budget(g: Graph, v: number, load: Float64Array, utilization: Float64Array, R: Float64Array, linkR: Float64Array): number {
  if (Number.isNaN(load[v]!)) {
    for (const li of g.out[v]!) if (isSync(g.links[li]!)) linkR[li] = NaN;
    return NaN;
  }
  const u = Number.isNaN(utilization[v]!) ? 0 : utilization[v]!;
  const own = latencyOf(g.nodes[v]!);
  let total = u >= 1 ? Infinity : own / (1 - u);
  let parallel = 0;
  for (const li of g.out[v]!) {
    const l = g.links[li]!;
    if (!isSync(l)) continue;
    const r = l.to >= 0 ? R[l.to]! : NaN;
    const calls = Math.ceil(l.calls);
    let add: number;
    if (Number.isNaN(r)) add = NaN;
    else if (calls === 0) add = 0;
    else add = l.parallel ? r : calls * r;
    linkR[li] = add;
    if (l.parallel) parallel = Number.isNaN(add) || add > parallel ? add : parallel;
    else total += add;
  }
  // NaN (undefined) wins over Infinity (unbounded): NaN + Infinity is NaN.
  return total + parallel;
}
