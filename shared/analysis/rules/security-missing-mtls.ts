import { isSync } from '../graph';
import type { Rule } from './rule';
import { ends } from './util';

const KINDS = ['gateway', 'service', 'worker', 'function'];

export const rule: Rule = {
  id: 'security.missing-mtls',
  severity: 'warning',
  subject: 'link',
  title: 'Service-to-service call without mTLS',
  when: 'a sync link between two gateways, services, workers or functions has no mtls.',
  why: 'Without mutual TLS, anything inside the network can read the traffic or impersonate a caller; zero-trust networks assume the perimeter is breached.',
  fix: 'Set mtls: true on the link (a service mesh such as Linkerd or Istio gives it without code changes).',
  check(ctx) {
    const g = ctx.graph;
    return g.links
      .filter((l) => isSync(l) && l.from >= 0 && l.to >= 0 && !l.link.mtls && KINDS.includes(g.nodes[l.from]!.kind) && KINDS.includes(g.nodes[l.to]!.kind))
      .map((l) => ({
        nodes: ends(l),
        links: [l.id],
        message: `${l.id} is a service-to-service call without mTLS: anything on the network can read it or pose as ${l.link.from}.`,
        suggestion: `Set mtls: true on ${l.id} (or run both in a mesh that enforces it).`,
      }));
  },
};
