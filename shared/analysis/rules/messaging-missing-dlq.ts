import { plural } from '../fmt';
import type { RawFinding, Rule } from './rule';
import { isMessagingNode } from './messaging-util';

export const rule: Rule = {
  id: 'messaging.missing-dlq',
  severity: 'warning',
  subject: 'node',
  title: 'Queue or topic without a dead-letter destination',
  when: 'a queue or topic with consumers has no deadLetter.',
  why: 'A message that always fails (a poison message) is either retried forever, blocking its partition, or dropped silently.',
  fix: 'Set deadLetter to a dead-letter queue (or true for the broker\u2019s own), and alert on its depth.',
  check(ctx) {
    const out: RawFinding[] = [];
    const g = ctx.graph;
    for (let v = 0; v < g.ids.length; v++) {
      if (!isMessagingNode(ctx, v)) continue;
      const nd = g.nodes[v]! as { deadLetter?: string | true };
      if (nd.deadLetter !== undefined) continue;
      const consumers = g.out[v]!.filter((li) => g.links[li]!.mode === 'consume');
      if (consumers.length === 0) continue;
      const id = g.ids[v]!;
      out.push({
        nodes: [id],
        message: `${id} has ${plural(consumers.length, 'consumer')} and no deadLetter: a message that keeps failing is retried forever or lost.`,
        suggestion: `Set deadLetter: ${id}-dlq on ${id} (a queue node), and alert when it is not empty.`,
      });
    }
    return out;
  },
};
