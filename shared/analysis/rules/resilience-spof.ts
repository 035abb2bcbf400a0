import { replicasOf } from '../../model/defaults';
import { nodeAvailability } from '../availability';
import { list, pct } from '../fmt';
import type { RawFinding, Rule } from './rule';

export const rule: Rule = {
  id: 'resilience.spof',
  severity: 'warning',
  subject: 'node',
  title: 'Single point of failure',
  when: "a node in some client's hard-dependency closure runs one replica (clients and external systems excepted).",
  why: 'One replica means one crash, deploy or host failure takes down every request that hard-depends on the node.',
  fix: 'Run two or more replicas (a managed database: enable failover), or make the links to it optional with a fallback. Suppress it when the platform already fails over.',
  check(ctx) {
    const out: RawFinding[] = [];
    const av = ctx.availability;
    for (let v = 0; v < ctx.graph.ids.length; v++) {
      const nd = ctx.graph.nodes[v]!;
      if (nd.kind === 'client' || nd.kind === 'external') continue;
      if (replicasOf(nd) !== 1 || !av.inSomeClosure(v)) continue;
      const id = ctx.graph.ids[v]!;
      const clients = av.blastOf(v).map((c) => ctx.graph.ids[av.clients[c]!]!);
      out.push({
        nodes: [id],
        message: `${id} runs as a single replica: a failure of ${id} takes down every request from ${list(clients)}.`,
        suggestion: `Set replicas: 2 on ${id} (availability ${pct(av.node[v]!)} -> ${pct(nodeAvailability({ ...nd, replicas: 2 }))}), or mark the links to it optional where callers can degrade.`,
      });
    }
    return out;
  },
};
