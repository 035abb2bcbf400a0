import { list } from '../fmt';
import type { RawFinding, Rule } from './rule';
import { publicCallers } from './security-util';

export const rule: Rule = {
  id: 'security.unversioned-api',
  severity: 'info',
  subject: 'node',
  title: 'Public REST api without a version',
  when: 'a node linked from a public client has a REST api (style rest or absent) with no version.',
  why: 'Clients you do not deploy cannot move in step with you: without a version, every breaking change breaks them (and old versions cannot be retired deliberately, OWASP API9).',
  fix: 'Set api.version (v1) and carry it in the base path or a header; introduce v2 beside v1 for breaking changes.',
  check(ctx) {
    const out: RawFinding[] = [];
    const g = ctx.graph;
    for (const [v, clients] of [...publicCallers(ctx).entries()].sort((a, b) => a[0] - b[0])) {
      const nd = g.nodes[v]!;
      const api = 'api' in nd ? nd.api : undefined;
      if (!api || (api.style ?? 'rest') !== 'rest' || api.version) continue;
      const id = g.ids[v]!;
      out.push({
        nodes: [id, ...clients.map((c) => g.ids[c]!)],
        message: `${id} serves the public client${clients.length > 1 ? 's' : ''} ${list(clients.map((c) => g.ids[c]!))} a REST api with no version: any breaking change breaks them.`,
        suggestion: `Set api.version: v1 on ${id}${api.basePath ? '' : ' (and basePath: /v1)'}.`,
      });
    }
    return out;
  },
};
