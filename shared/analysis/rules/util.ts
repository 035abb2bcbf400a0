/** Small helpers several rules share. */
import { replicasOf } from '../../model/defaults';
import type { AnalysisContext } from '../context';
import type { GraphLink } from '../graph';
import { num } from '../fmt';

/** Smallest replica count that keeps load under `target` utilization. */
export function replicasFor(load: number, perReplica: number, target: number): number {
  return Math.max(1, Math.floor(load / (perReplica * target)) + 1);
}

/** "4 replicas bring it to 0.63" for a node of known capacity. */
export function scaleAdvice(ctx: AnalysisContext, v: number): string {
  const nd = ctx.graph.nodes[v]!;
  const per = nd.capacity!.rps;
  const load = ctx.load.node[v]!;
  const r = replicasFor(load, per, ctx.thresholds.hotspotUtilization);
  return `${r} replicas of ${num(per)} rps bring it to ${num(load / (r * per))} (now ${replicasOf(nd)})`;
}

/** The ids of a link's ends, for link findings. */
export const ends = (l: GraphLink): string[] => [l.link.from, l.link.to];

/** Nodes of the given kinds. */
export function nodesOfKind(ctx: AnalysisContext, kinds: readonly string[]): number[] {
  const out: number[] = [];
  ctx.graph.nodes.forEach((n, v) => {
    if (kinds.includes(n.kind)) out.push(v);
  });
  return out;
}

/** Contexts of a set of nodes, with "no context" as one more value. */
export function contextLabel(ctx: AnalysisContext, v: number): string {
  return ctx.graph.nodes[v]!.context ?? '(no context)';
}
