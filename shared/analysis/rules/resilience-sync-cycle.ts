import { isSync } from '../graph';
import { list } from '../fmt';
import type { RawFinding, Rule } from './rule';

export const rule: Rule = {
  id: 'resilience.sync-cycle',
  severity: 'critical',
  subject: 'node',
  title: 'Cycle of synchronous calls',
  when: 'synchronous links form a cycle (a self-call included).',
  why: 'Each node on the cycle waits on the others: one slow node stalls them all, thread pools deadlock under load, and retries circle forever. Load and latency on it are undefined.',
  fix: 'Break the cycle: make one direction asynchronous (publish an event), or move the shared logic into one of the nodes.',
  check(ctx) {
    const out: RawFinding[] = [];
    const { sync } = ctx.latency;
    const g = ctx.graph;
    for (let c = 0; c < sync.members.length; c++) {
      if (!sync.cyclic[c]) continue;
      const members = [...sync.members[c]!].sort((a, b) => a - b);
      const ids = members.map((v) => g.ids[v]!);
      const links = g.links.filter((l) => isSync(l) && l.from >= 0 && sync.comp[l.from] === c && l.to >= 0 && sync.comp[l.to] === c);
      out.push({
        nodes: ids,
        links: links.map((l) => l.id),
        message: `${ids.length === 1 ? `${ids[0]} calls itself synchronously` : `${list(ids, 8)} call each other synchronously`} (${list(links.map((l) => l.id), 8)}): a slow call stalls the whole cycle, and these nodes and everything that depends on them get no defined load or latency.`,
        suggestion: `Break the cycle: make ${links[links.length - 1]!.id} asynchronous (publish an event or set async: true), or move the logic it needs into ${links[links.length - 1]!.link.from}.`,
      });
    }
    return out;
  },
};
