import { retriesOf } from '../../model/defaults';
import { list, num } from '../fmt';
import { followPath } from '../paths';
import type { RawFinding, Rule } from './rule';

export const rule: Rule = {
  id: 'resilience.retry-amplification',
  severity: 'warning',
  subject: 'node',
  title: 'Retries multiply down a sync path',
  when: 'a sync path from a client multiplies its calls by more than analysis.maxRetryAmplification (default 10) through retries: the product of (1 + retries) over its links. A path stops at the first node on a sync cycle.',
  why: 'When the deepest node fails, every layer retries its own call: the load on it is multiplied at the worst possible moment (a retry storm).',
  fix: 'Retry at one layer only (usually the outermost), give inner calls retries: 0 with a circuit breaker, and use backoff with jitter.',
  check(ctx) {
    const out: RawFinding[] = [];
    const g = ctx.graph;
    const max = ctx.thresholds.maxRetryAmplification;
    for (const c of ctx.availability.clients) {
      const amp = ctx.paths.amplification[c]!;
      if (!(amp > max)) continue;
      const path = followPath(g, c, ctx.paths.ampNext);
      const retried = path.links.filter((li) => retriesOf(g.links[li]!.link) > 0).map((li) => g.links[li]!);
      const last = path.nodes[path.nodes.length - 1]!;
      out.push({
        nodes: path.nodes.map((v) => g.ids[v]!),
        links: path.links.map((li) => g.links[li]!.id),
        message: `One request from ${g.ids[c]} can become ${num(amp)} calls to ${g.ids[last]} when it fails (limit ${num(max)}): ${list(
          retried.map((l) => `${l.id} retries ${retriesOf(l.link)}`),
          6,
        )}${retried.length <= 8 ? ` (${retried.map((l) => 1 + retriesOf(l.link)).join(' x ')})` : ''}.`,
        suggestion:
          retried.length > 1
            ? `Keep the retries on ${retried[0]!.id} only and set retries: 0 with circuitBreaker: true on ${list(
                retried.slice(1).map((l) => l.id),
                6,
              )}.`
            : `Lower retries on ${retried[0]!.id} to ${Math.max(0, Math.floor(max) - 1)} or fewer, with backoff and a circuit breaker.`,
      });
    }
    return out;
  },
};
