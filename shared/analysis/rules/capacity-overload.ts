import { replicasOf } from '../../model/defaults';
import { num, rps } from '../fmt';
import type { RawFinding, Rule } from './rule';
import { scaleAdvice } from './util';

export const rule: Rule = {
  id: 'capacity.overload',
  severity: 'critical',
  subject: 'node',
  title: 'Node runs over its capacity',
  when: 'utilization (load / (capacity.rps x replicas)) is 1 or more.',
  why: 'A node offered more than it can serve queues requests without bound: latency grows until callers time out, and their retries add yet more load.',
  fix: 'Add replicas or raise capacity.rps per replica until utilization is under the hotspot threshold; or cut the load (cache, batch, fewer calls per request).',
  check(ctx) {
    const out: RawFinding[] = [];
    for (let v = 0; v < ctx.graph.ids.length; v++) {
      const u = ctx.utilization[v]!;
      if (!(u >= 1)) continue;
      const id = ctx.graph.ids[v]!;
      const nd = ctx.graph.nodes[v]!;
      out.push({
        nodes: [id],
        message: `${id} runs at ${num(u)}x its capacity at ${rps(ctx.load.node[v]!)} (${replicasOf(nd)} x ${rps(nd.capacity!.rps)} = ${rps(ctx.capacity[v]!)}): requests queue without bound and its latency budget is unbounded.`,
        suggestion: `Scale ${id}: ${scaleAdvice(ctx, v)}; or raise capacity.rps, or cut the calls that reach it.`,
      });
    }
    return out;
  },
};
