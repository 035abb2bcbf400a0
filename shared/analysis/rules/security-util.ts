/** Who faces the public: nodes linked from a public client. */
import type { AnalysisContext } from '../context';
import { isPublicClient } from '../context';

/** For each node, the public clients that link to it directly (any link mode). */
export function publicCallers(ctx: AnalysisContext): Map<number, number[]> {
  const g = ctx.graph;
  const out = new Map<number, number[]>();
  for (const l of g.links) {
    if (l.from < 0 || l.to < 0 || !isPublicClient(ctx, l.from)) continue;
    const list = out.get(l.to) ?? [];
    if (!list.includes(l.from)) list.push(l.from);
    out.set(l.to, list);
  }
  return out;
}

/** Nodes the public reaches: linked from a public client, or behind an exposed gateway, load balancer or CDN. */
export function exposedNodes(ctx: AnalysisContext): Set<number> {
  const g = ctx.graph;
  const exposed = new Set(publicCallers(ctx).keys());
  const stack = [...exposed];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (!['gateway', 'loadbalancer', 'cdn'].includes(g.nodes[v]!.kind)) continue;
    for (const li of g.out[v]!) {
      const to = g.links[li]!.to;
      if (to >= 0 && g.links[li]!.mode === 'sync' && !exposed.has(to)) {
        exposed.add(to);
        stack.push(to);
      }
    }
  }
  return exposed;
}
