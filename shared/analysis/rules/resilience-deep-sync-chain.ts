import { num, pathText } from '../fmt';
import { followPath } from '../paths';
import type { RawFinding, Rule } from './rule';

export const rule: Rule = {
  id: 'resilience.deep-sync-chain',
  severity: 'warning',
  subject: 'node',
  title: 'Long chain of synchronous calls',
  when: "a client's longest sync path has more than analysis.maxSyncDepth (default 5) links. A path stops at the first node on a sync cycle.",
  why: 'Every synchronous hop adds latency and multiplies failure: the request is only as available as the product of the chain, and timeouts are hard to order.',
  fix: 'Shorten the chain: answer from data the first services already hold (replicate it by events), merge hops that always go together, or make the tail asynchronous.',
  check(ctx) {
    const out: RawFinding[] = [];
    const g = ctx.graph;
    const max = ctx.thresholds.maxSyncDepth;
    for (const c of ctx.availability.clients) {
      const depth = ctx.paths.depth[c]!;
      if (depth <= max) continue;
      const path = followPath(g, c, ctx.paths.depthNext);
      const ids = path.nodes.map((v) => g.ids[v]!);
      const tailFrom = g.links[path.links[max - 1] ?? path.links[path.links.length - 1]!]!;
      out.push({
        nodes: ids,
        links: path.links.map((li) => g.links[li]!.id),
        message: `Requests from ${g.ids[c]} go through ${num(depth)} synchronous hops (limit ${num(max)}): ${pathText(ids)}.`,
        suggestion: `Cut it to ${num(max)} or fewer: make ${tailFrom.id} asynchronous (an event ${tailFrom.link.from} publishes), or let an earlier service hold the data ${tailFrom.link.to} serves.`,
      });
    }
    return out;
  },
};
