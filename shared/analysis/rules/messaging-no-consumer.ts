import { list, num } from '../fmt';
import type { RawFinding, Rule } from './rule';
import { isMessagingNode } from './messaging-util';

export const rule: Rule = {
  id: 'messaging.no-consumer',
  severity: 'warning',
  subject: 'node',
  title: 'Published to and never consumed',
  when: 'a queue or topic receives publishes and has no consume link.',
  why: 'Messages nobody reads are either a missing piece of the design or wasted work; a queue also fills up until the broker refuses writes.',
  fix: 'Link the consumer (from: the queue, to: the worker), or drop the publish.',
  check(ctx) {
    const out: RawFinding[] = [];
    const g = ctx.graph;
    for (let v = 0; v < g.ids.length; v++) {
      if (!isMessagingNode(ctx, v)) continue;
      const publishers = g.in[v]!.filter((li) => g.links[li]!.mode === 'publish').map((li) => g.links[li]!.link.from);
      if (publishers.length === 0 || g.out[v]!.some((li) => g.links[li]!.mode === 'consume')) continue;
      const id = g.ids[v]!;
      const rate = ctx.load.node[v]!;
      out.push({
        nodes: [id],
        message: `${id} receives ${Number.isNaN(rate) ? 'messages' : `${num(rate)} msg/s`} from ${list([...new Set(publishers)])} and nothing consumes it${Number.isNaN(rate) ? '' : `: ${num(rate * 3600, 0)} messages an hour pile up`}.`,
        suggestion: `Add a consume link from ${id} to the worker that handles these messages, or remove the publish.`,
      });
    }
    return out;
  },
};
