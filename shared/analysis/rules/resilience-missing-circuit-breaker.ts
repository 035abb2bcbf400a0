import { isSync } from '../graph';
import type { Rule } from './rule';
import { ends } from './util';

export const rule: Rule = {
  id: 'resilience.missing-circuit-breaker',
  severity: 'warning',
  subject: 'link',
  title: 'External call without a circuit breaker',
  when: 'a sync link to an `external` node has no circuitBreaker.',
  why: 'An external system fails on its own schedule. Without a breaker, every request keeps calling it while it is down, piling up waiting calls in the caller.',
  fix: 'Set circuitBreaker: true on the link, with a fallback (cached answer, queued retry, degraded response).',
  check(ctx) {
    const g = ctx.graph;
    return g.links
      .filter((l) => isSync(l) && l.to >= 0 && g.nodes[l.to]!.kind === 'external' && !l.link.circuitBreaker)
      .map((l) => ({
        nodes: ends(l),
        links: [l.id],
        message: `${l.id} calls the external system ${l.link.to} without a circuit breaker: while ${l.link.to} is down or slow, every call from ${l.link.from} still waits on it.`,
        suggestion: `Set circuitBreaker: true on ${l.id} and decide the fallback ${l.link.from} gives while it is open.`,
      }));
  },
};
