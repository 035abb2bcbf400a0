import type { RawFinding, Rule } from './rule';
import { crossContextFinding } from './data-shared-store';

export const rule: Rule = {
  id: 'data.shared-cache',
  severity: 'info',
  subject: 'node',
  title: 'Cache shared across bounded contexts',
  when: 'the gateways, services, workers and functions using a cache synchronously span two or more contexts (no context counts as one more).',
  why: 'A shared cache is a shared database in disguise: key formats and invalidation become a contract nobody owns, and one context\u2019s eviction storm slows the others.',
  fix: 'Give each context its own cache (or key namespace with an owner), and invalidate through the owning context\u2019s events.',
  check(ctx) {
    const out: RawFinding[] = [];
    for (let v = 0; v < ctx.graph.ids.length; v++) {
      if (ctx.graph.nodes[v]!.kind !== 'cache') continue;
      const id = ctx.graph.ids[v]!;
      const f = crossContextFinding(
        ctx,
        v,
        'its key formats and invalidation are a contract no context owns',
        `Split ${id} per context (or give each context its own key prefix and one owner that invalidates it on its events).`,
      );
      if (f) out.push(f);
    }
    return out;
  },
};
