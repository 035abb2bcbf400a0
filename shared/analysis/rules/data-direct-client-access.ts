import type { Rule } from './rule';
import { ends } from './util';

export const rule: Rule = {
  id: 'data.direct-client-access',
  severity: 'critical',
  subject: 'link',
  title: 'Client talks to a data store directly',
  when: 'a client links to a database or cache.',
  why: 'The client must hold the store\u2019s credentials, and it bypasses every check, rate limit and schema the services enforce (OWASP API1/API3).',
  fix: 'Put a service or gateway between the client and the store; it owns the credentials and the access rules.',
  check(ctx) {
    const g = ctx.graph;
    return g.links
      .filter((l) => l.from >= 0 && l.to >= 0 && g.nodes[l.from]!.kind === 'client' && ['database', 'cache'].includes(g.nodes[l.to]!.kind))
      .map((l) => ({
        nodes: ends(l),
        links: [l.id],
        message: `${l.link.from} links straight to the ${g.nodes[l.to]!.kind} ${l.link.to}: the client holds its credentials and bypasses every check a service would make.`,
        suggestion: `Route ${l.link.from} through a service (or gateway) that owns ${l.link.to}'s credentials and exposes only the reads and writes it needs.`,
      }));
  },
};
