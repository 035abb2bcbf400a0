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
    for (const l of g.links) {
      const T = l.link.timeoutMs;
      if (!isSync(l) || T === undefined || l.to < 0) continue;
      let worst: GraphLink | undefined;
      let worstTime = -1;
      for (const li of g.out[l.to]!) {
        const inner = g.links[li]!;
        if (!isSync(inner) || inner.link.timeoutMs === undefined) continue;
        const t = inner.link.timeoutMs * (1 + retriesOf(inner.link));
        if (t >= T && t > worstTime) {
          worst = inner;
          worstTime = t;
        }
      }
      if (!worst) continue;
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
