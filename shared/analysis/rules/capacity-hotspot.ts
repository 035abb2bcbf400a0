import { num, rps } from '../fmt';
import type { RawFinding, Rule } from './rule';
import { scaleAdvice } from './util';

export const rule: Rule = {
  id: 'capacity.hotspot',
  severity: 'warning',
  subject: 'node',
  title: 'Node runs close to its capacity',
  when: 'analysis.hotspotUtilization (default 0.8) <= utilization < 1.',
  why: 'Near saturation, queueing inflates latency steeply (R = latency / (1 - utilization)) and a small rise in traffic tips the node over.',
  fix: 'Add replicas or capacity until utilization is under the threshold, or take load off the node.',
  check(ctx) {
    const out: RawFinding[] = [];
    const hot = ctx.thresholds.hotspotUtilization;
    for (let v = 0; v < ctx.graph.ids.length; v++) {
      const u = ctx.utilization[v]!;
      if (!(u >= hot && u < 1)) continue;
      const id = ctx.graph.ids[v]!;
      out.push({
        nodes: [id],
        message: `${id} runs at ${num(u)} of its capacity (${rps(ctx.load.node[v]!)} of ${rps(ctx.capacity[v]!)}): queueing inflates its latency ${num(1 / (1 - u), 1)}x, and ${num(1 / u)}x today's traffic saturates it.`,
        suggestion: `Scale ${id}: ${scaleAdvice(ctx, v)}.`,
      });
    }
    return out;
  },
};
