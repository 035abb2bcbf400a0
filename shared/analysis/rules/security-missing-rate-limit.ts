import { list, num } from '../fmt';
import type { RawFinding, Rule } from './rule';
import { publicCallers } from './security-util';

const KINDS = ['gateway', 'service', 'function'];

export const rule: Rule = {
  id: 'security.missing-rate-limit',
  severity: 'warning',
  subject: 'node',
  title: 'Public entry without a rate limit',
  when: 'a gateway, service or function linked from a public client has no security.rateLimitRps.',
  why: 'One misbehaving or hostile caller can take all of the capacity (OWASP API4, unrestricted resource consumption).',
  fix: 'Set security.rateLimitRps at the entry, per caller, below what the nodes behind it can carry.',
  check(ctx) {
    const out: RawFinding[] = [];
    const g = ctx.graph;
    for (const [v, clients] of [...publicCallers(ctx).entries()].sort((a, b) => a[0] - b[0])) {
      const nd = g.nodes[v]!;
      if (!KINDS.includes(nd.kind) || nd.security?.rateLimitRps !== undefined) continue;
      const id = g.ids[v]!;
      const load = ctx.load.node[v]!;
      const cap = ctx.capacity[v]!;
      const suggested = Number.isNaN(cap) ? (Number.isNaN(load) || load === 0 ? undefined : Math.ceil(load * 2)) : Math.floor(cap);
      out.push({
        nodes: [id, ...clients.map((c) => g.ids[c]!)],
        message: `${id} takes ${Number.isNaN(load) ? 'traffic' : `${num(load)} rps`} from the public client${clients.length > 1 ? 's' : ''} ${list(clients.map((c) => g.ids[c]!))} with no rate limit${Number.isNaN(cap) ? '' : `; its capacity is ${num(cap)} rps`}.`,
        suggestion: `Set security.rateLimitRps on ${id}${suggested ? ` (e.g. ${num(suggested, 0)}${Number.isNaN(cap) ? ', twice today\u2019s load' : ', its capacity'}, and lower per caller)` : ''}.`,
      });
    }
    return out;
  },
};
