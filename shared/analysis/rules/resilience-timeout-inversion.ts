import { retriesOf } from '../../model/defaults';
import { isSync, type GraphLink } from '../graph';
import { num } from '../fmt';
import type { RawFinding, Rule } from './rule';

export const rule: Rule = {
  id: 'resilience.timeout-inversion',
  severity: 'warning',
  subject: 'link',
  title: 'Inner timeout (with retries) outlasts the outer one',
  when: 'a sync link a->b has timeoutMs T and some sync link out of b has timeoutMs x (1 + retries) >= T.',
  why: 'The caller gives up while the callee is still waiting on (and retrying) its own dependency: the work is wasted, and the caller\u2019s retry adds another copy of it.',
  fix: 'Make timeouts shrink inwards: each inner timeout x (1 + retries) well under the outer timeout.',
  check(ctx) {
    const out: RawFinding[] = [];
    const g = ctx.graph;
    // Per node, its sync call with the longest timeout x (1 + retries) (the first of equals):
    // the one an outer timeout is checked against.
    const worstOf = new Int32Array(g.ids.length).fill(-1);
    const worstTimeOf = new Float64Array(g.ids.length).fill(-1);
    for (const inner of g.links) {
      if (!isSync(inner) || inner.from < 0) continue;
      const timeout = inner.link.timeoutMs;
      if (timeout === undefined) continue;
      const t = timeout * (1 + inner.retries);
      if (t > worstTimeOf[inner.from]!) {
        worstTimeOf[inner.from] = t;
        worstOf[inner.from] = inner.i;
      }
    }
    for (const l of g.links) {
      if (!isSync(l) || l.to < 0) continue;
      const T = l.link.timeoutMs;
      if (T === undefined || !(worstTimeOf[l.to]! >= T)) continue;
      const worst: GraphLink = g.links[worstOf[l.to]!]!;
      const worstTime = worstTimeOf[l.to]!;
      const r = retriesOf(worst.link);
      const spelled = r > 0 ? `${1 + r} x ${num(worst.link.timeoutMs!)} = ${num(worstTime)} ms with its ${r === 1 ? 'retry' : 'retries'}` : `${num(worstTime)} ms`;
      out.push({
        nodes: [l.link.from, l.link.to, worst.link.to],
        links: [l.id, worst.id],
        message: `${l.id} gives up after ${num(T)} ms, but ${worst.id} may take ${spelled}: ${l.link.from} abandons requests ${l.link.to} is still working on.`,
        suggestion: `Lower ${worst.id}'s timeoutMs under ${num(Math.floor(T / (1 + r)))} ms${r > 0 ? ' (or its retries)' : ''}, or raise ${l.id}'s above ${num(worstTime)} ms.`,
      });
    }
    return out;
  },
};
