import { replicasOf } from '../../model/defaults';
import { list, num } from '../fmt';
import type { RawFinding, Rule } from './rule';
import { consumerGroups, isMessagingNode } from './messaging-util';
import { replicasFor } from './util';

export const rule: Rule = {
  id: 'messaging.consumer-lag',
  severity: 'critical',
  subject: 'node',
  title: 'Consumers cannot keep up',
  when: "a consumer group's capacity (the sum of its consumers' capacities) is less than the rate delivered to it; all consumers of a queue form one group; not checked when a consumer has no capacity.",
  why: 'The backlog grows without bound: messages arrive later and later until retention drops them or the broker runs out of space.',
  fix: 'Add consumer replicas (within the partition count), raise their capacity, or cut the message rate.',
  check(ctx) {
    const out: RawFinding[] = [];
    const g = ctx.graph;
    for (let v = 0; v < g.ids.length; v++) {
      if (!isMessagingNode(ctx, v)) continue;
      const rate = ctx.load.node[v]!;
      if (Number.isNaN(rate)) continue;
      for (const group of consumerGroups(ctx, v)) {
        const consumers = [...new Set(group.links.map((li) => g.links[li]!.to))];
        if (consumers.some((c) => c < 0 || Number.isNaN(ctx.capacity[c]!))) continue;
        const capacity = consumers.reduce((s, c) => s + ctx.capacity[c]!, 0);
        if (!(capacity < rate)) continue;
        const id = g.ids[v]!;
        const names = consumers.map((c) => g.ids[c]!);
        const perHour = (rate - capacity) * 3600;
        const groupLabel = g.nodes[v]!.kind === 'queue' ? `its consumers ${list(names)}` : `group ${group.name} (${list(names)})`;
        let advice: string;
        if (consumers.length === 1) {
          const c = consumers[0]!;
          const nd = g.nodes[c]!;
          const r = replicasFor(rate, nd.capacity!.rps, ctx.thresholds.hotspotUtilization);
          advice = `Run ${r} replicas of ${names[0]} (now ${replicasOf(nd)}, ${num(nd.capacity!.rps)} msg/s each): ${num(r * nd.capacity!.rps)} msg/s for ${num(rate)} delivered`;
        } else {
          advice = `Add at least ${num(rate - capacity)} msg/s of capacity across ${list(names)} (more replicas or higher capacity.rps)`;
        }
        out.push({
          nodes: [id, ...names],
          links: group.links.map((li) => g.links[li]!.id),
          message: `${id} delivers ${num(rate)} msg/s to ${groupLabel}, which handle ${num(capacity)} msg/s: the backlog grows by ${num(perHour, 0)} messages an hour.`,
          suggestion: `${advice}; check the partition count allows that many consumers.`,
        });
      }
    }
    return out;
  },
};
