import { isPublicClient } from '../context';
import type { Rule } from './rule';
import { ends } from './util';

const ENTRY_KINDS = ['gateway', 'service', 'function'];

export const rule: Rule = {
  id: 'security.unauthenticated-entry',
  severity: 'critical',
  subject: 'link',
  title: 'Public entry without authentication',
  when: 'a public client links to a gateway, service or function whose security.auth is none or absent.',
  why: 'Anyone on the internet can call it (OWASP API2, broken authentication); every check behind it trusts requests nobody verified.',
  fix: 'Set security.auth (jwt or oauth2 for users, apikey or mtls for partners) on the entry and validate credentials there.',
  check(ctx) {
    const g = ctx.graph;
    return g.links
      .filter((l) => {
        if (l.from < 0 || l.to < 0 || !isPublicClient(ctx, l.from)) return false;
        const to = g.nodes[l.to]!;
        return ENTRY_KINDS.includes(to.kind) && (to.security?.auth ?? 'none') === 'none';
      })
      .map((l) => {
        const auth = g.nodes[l.to]!.security?.auth;
        return {
          nodes: ends(l),
          links: [l.id],
          message: `The public client ${l.link.from} reaches ${l.link.to} (a ${g.nodes[l.to]!.kind}) with ${auth === 'none' ? 'security.auth: none' : 'no security.auth'}: anyone can call it.`,
          suggestion: `Set security: { auth: jwt } (or oauth2) on ${l.link.to} and validate tokens there; use auth: apikey or mtls if ${l.link.from} is a partner system.`,
        };
      });
  },
};
