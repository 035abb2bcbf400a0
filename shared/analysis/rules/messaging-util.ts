/** Consumer groups of a queue/topic: a queue's consumers compete (one group); a topic's group is link.group or the consumer id. */
import type { AnalysisContext } from '../context';

export interface ConsumerGroup {
  source: number;
  /** Group name (a queue's single group is named after the queue). */
  name: string;
  /** Consume link positions. */
  links: number[];
}

export function consumerGroups(ctx: AnalysisContext, source: number): ConsumerGroup[] {
  const g = ctx.graph;
  const consumes = g.out[source]!.filter((li) => g.links[li]!.mode === 'consume');
  if (consumes.length === 0) return [];
  if (g.nodes[source]!.kind === 'queue') return [{ source, name: g.ids[source]!, links: consumes }];
  const groups = new Map<string, number[]>();
  for (const li of consumes) {
    const l = g.links[li]!.link;
    const key = l.group ?? l.to;
    const members = groups.get(key);
    if (members) members.push(li);
    else groups.set(key, [li]);
  }
  return [...groups.entries()].map(([name, links]) => ({ source, name, links }));
}

export const isMessagingNode = (ctx: AnalysisContext, v: number): boolean => {
  const k = ctx.graph.nodes[v]!.kind;
  return k === 'queue' || k === 'topic';
};
