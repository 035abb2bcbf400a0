import { replicasOf } from '../../model/defaults';
import { num } from '../fmt';
import type { RawFinding, Rule } from './rule';
import { consumerGroups, isMessagingNode } from './messaging-util';

export const rule: Rule = {
  id: 'messaging.idle-consumers',
  severity: 'info',
  subject: 'node',
  title: 'More consumer replicas than partitions',
  when: 'a queue or topic with partitions has a consumer group whose replicas add up to more than its partitions.',
  why: 'A partition is read by one member of a group at a time: replicas beyond the partition count sit idle, and the group cannot scale past it.',
  fix: 'Raise partitions to at least the number of consumer replicas you plan to run (partitions are hard to add later with keyed messages).',
  check(ctx) {
    const out: RawFinding[] = [];
    const g = ctx.graph;
    for (let v = 0; v < g.ids.length; v++) {
      if (!isMessagingNode(ctx, v)) continue;
      const nd = g.nodes[v]! as { partitions?: number };
      if (nd.partitions === undefined) continue;
      for (const group of consumerGroups(ctx, v)) {
        const consumers = [...new Set(group.links.map((li) => g.links[li]!.to))].filter((c) => c >= 0);
        const replicas = consumers.reduce((s, c) => s + replicasOf(g.nodes[c]!), 0);
        if (replicas <= nd.partitions) continue;
        const id = g.ids[v]!;
        out.push({
          nodes: [id, ...consumers.map((c) => g.ids[c]!)],
          links: group.links.map((li) => g.links[li]!.id),
          message: `${id} has ${num(nd.partitions)} partitions but ${g.nodes[v]!.kind === 'queue' ? 'its consumers run' : `group ${group.name} runs`} ${num(replicas)} replicas: ${num(replicas - nd.partitions)} sit idle.`,
          suggestion: `Set partitions: ${replicas} or more on ${id}, or run ${num(nd.partitions)} consumer replicas.`,
        });
      }
    }
    return out;
  },
};
