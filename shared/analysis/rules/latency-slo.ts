import { latencyOf } from '../../model/defaults';
import type { AnalysisContext } from '../context';
import { isSync } from '../graph';
import { list, ms, num, pathText } from '../fmt';
import type { RawFinding, Rule } from './rule';

/** The hops that make up an entry's budget: follow the costliest sync link at each step. */
export function criticalPath(ctx: AnalysisContext, start: number): { nodes: number[]; links: number[]; own: Map<number, number> } {
  const g = ctx.graph;
  const nodes = [start];
  const links: number[] = [];
  const own = new Map<number, number>();
  const seen = new Set([start]);
  let v = start;
  let mult = 1;
  for (;;) {
    const u = Number.isNaN(ctx.utilization[v]!) ? 0 : ctx.utilization[v]!;
    const self = u >= 1 ? Infinity : latencyOf(g.nodes[v]!) / (1 - u);
    own.set(v, (own.get(v) ?? 0) + mult * self);
    let best = -1;
    for (const li of g.out[v]!) {
      const l = g.links[li]!;
      if (!isSync(l) || l.to < 0) continue;
      if (best < 0 || ctx.latency.link[li]! > ctx.latency.link[best]!) best = li;
    }
    if (best < 0 || !(ctx.latency.link[best]! > 0)) break;
    const l = g.links[best]!;
    if (seen.has(l.to)) break;
    if (!l.parallel) mult *= Math.ceil(l.calls);
    seen.add(l.to);
    links.push(best);
    nodes.push(l.to);
    v = l.to;
  }
  return { nodes, links, own };
}

export const rule: Rule = {
  id: 'latency.slo',
  severity: 'warning',
  subject: 'node',
  title: "Entry's latency budget exceeds the objective",
  when: "an entry's latency budget is above slo.latencyP99Ms (an unbounded budget counts; an undefined one does not).",
  why: 'The budget adds up per-hop p99s with queueing inflation. Over the objective, the design cannot meet its SLO even before the network adds its share.',
  fix: 'Shorten the critical path: run independent calls in parallel, cache the slowest reads, move work off the request path (async), or relieve the hot node that inflates the budget.',
  check(ctx) {
    const out: RawFinding[] = [];
    const objective = ctx.slo.latencyP99Ms;
    for (const c of ctx.availability.clients) {
      const r = ctx.latency.node[c]!;
      if (Number.isNaN(r) || r <= objective) continue;
      const id = ctx.graph.ids[c]!;
      const path = criticalPath(ctx, c);
      const names = path.nodes.map((v) => ctx.graph.ids[v]!);
      const costly = [...path.own.entries()]
        .filter(([, t]) => t > 0)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3);
      const saturated = costly.filter(([, t]) => t === Infinity).map(([v]) => ctx.graph.ids[v]!);
      const message =
        r === Infinity
          ? `The latency budget of requests from ${id} is unbounded (objective ${ms(objective)}): ${list(saturated)} on the path ${pathText(names)} ${saturated.length === 1 ? 'is' : 'are'} saturated.`
          : `The latency budget of requests from ${id} is ${ms(r)}, over the ${ms(objective)} objective by ${num((r / objective - 1) * 100, 0)}%; the critical path ${pathText(names)} spends most in ${list(costly.map(([v, t]) => `${ctx.graph.ids[v]} (${ms(t)})`))}.`;
      const top = costly[0] ? ctx.graph.ids[costly[0][0]]! : id;
      const suggestion =
        r === Infinity
          ? `Bring ${list(saturated)} under capacity first (see capacity.overload); then re-check the budget.`
          : `Take ${ms(r - objective)} off the critical path: cache or parallelise the calls to ${top}, move work that need not answer the caller to a queue, or lower ${top}'s utilization (queueing inflates its share).`;
      out.push({ nodes: names, links: path.links.map((li) => ctx.graph.links[li]!.id), message, suggestion });
    }
    return out;
  },
};
