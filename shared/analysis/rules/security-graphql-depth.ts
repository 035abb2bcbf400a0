import type { RawFinding, Rule } from './rule';
import { exposedNodes } from './security-util';

export const rule: Rule = {
  id: 'security.graphql-depth',
  severity: 'warning',
  subject: 'node',
  title: 'Public GraphQL api without a depth limit',
  when: 'a GraphQL api the public reaches (linked from a public client, or behind a gateway, load balancer or CDN that is) has no api.maxQueryDepth.',
  why: 'One nested query can fan out into millions of resolver calls: a denial of service in a single request (OWASP API4).',
  fix: 'Set api.maxQueryDepth (8 to 10 is common), and add query cost limits and persisted queries for public clients.',
  check(ctx) {
    const out: RawFinding[] = [];
    const g = ctx.graph;
    for (const v of [...exposedNodes(ctx)].sort((a, b) => a - b)) {
      const nd = g.nodes[v]!;
      const api = 'api' in nd ? nd.api : undefined;
      if (api?.style !== 'graphql' || api.maxQueryDepth !== undefined) continue;
      const id = g.ids[v]!;
      out.push({
        nodes: [id],
        message: `${id} serves GraphQL to the public with no maxQueryDepth: one deeply nested query can fan out into unbounded resolver calls.`,
        suggestion: `Set api.maxQueryDepth: 10 (or lower) on ${id}, and limit query cost for anonymous callers.`,
      });
    }
    return out;
  },
};
