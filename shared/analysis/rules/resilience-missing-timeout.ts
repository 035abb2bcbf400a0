import { isSync } from '../graph';
import { ms } from '../fmt';
import type { RawFinding, Rule } from './rule';
import { ends } from './util';

export const rule: Rule = {
  id: 'resilience.missing-timeout',
  severity: 'warning',
  subject: 'link',
  title: 'Synchronous call without a timeout',
  when: 'a sync link that does not start at a client has no timeoutMs.',
  why: 'Without a timeout, a hung callee holds the caller\u2019s threads and connections until they run out: one slow dependency becomes an outage upstream.',
  fix: 'Set timeoutMs a little above the callee\u2019s latency budget, and below the caller\u2019s own timeout.',
  check(ctx) {
    const out: RawFinding[] = [];
    const g = ctx.graph;
    for (const l of g.links) {
      if (!isSync(l) || l.from < 0 || g.nodes[l.from]!.kind === 'client' || l.link.timeoutMs !== undefined) continue;
      const r = l.to >= 0 ? ctx.latency.node[l.to]! : NaN;
      const advice = Number.isFinite(r)
        ? `, e.g. timeoutMs: ${Math.max(100, Math.ceil((2 * r) / 50) * 50)} (about twice ${l.link.to}'s latency budget of ${ms(r)})`
        : '';
      out.push({
        nodes: ends(l),
        links: [l.id],
        message: `${l.id} is a synchronous call without timeoutMs: when ${l.link.to} hangs, ${l.link.from} waits until its threads and connections run out.`,
        suggestion: `Set timeoutMs on ${l.id}${advice}.`,
      });
    }
    return out;
  },
};
