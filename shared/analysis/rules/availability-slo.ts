import { replicasOf } from '../../model/defaults';
import { list, pct } from '../fmt';
import type { RawFinding, Rule } from './rule';

export const rule: Rule = {
  id: 'availability.slo',
  severity: 'warning',
  subject: 'node',
  title: "Entry's availability is under the objective",
  when: "an entry's availability (the product of A(n) over its hard-dependency closure) is below slo.availability.",
  why: 'Every node a request hard-depends on multiplies its availability down; past the objective the error budget is spent by design.',
  fix: 'Add replicas to the weakest dependencies, make calls optional with a fallback, or move them off the request path (async, events).',
  check(ctx) {
    const out: RawFinding[] = [];
    const objective = ctx.slo.availability / 100;
    const av = ctx.availability;
    av.clients.forEach((c, i) => {
      const a = av.entry[i]!;
      if (!(a < objective)) return;
      const id = ctx.graph.ids[c]!;
      const weakest = av.weakest(i);
      const describe = (v: number) => {
        const nd = ctx.graph.nodes[v]!;
        const why = nd.kind === 'external' ? 'external' : `${replicasOf(nd)} ${replicasOf(nd) === 1 ? 'replica' : 'replicas'}`;
        return `${ctx.graph.ids[v]} (${pct(av.node[v]!)}, ${why})`;
      };
      const first = weakest[0];
      const firstNode = first === undefined ? undefined : ctx.graph.nodes[first];
      const advice =
        first === undefined
          ? 'Raise the availability of its dependencies.'
          : firstNode!.kind === 'external'
            ? `Mark the links to ${ctx.graph.ids[first]} optional with a fallback (or call it asynchronously); an external system's availability is not yours to raise.`
            : `Run ${ctx.graph.ids[first]} with ${replicasOf(firstNode!) + 1} replicas, or mark the links to it optional with a fallback.`;
      out.push({
        nodes: [id, ...weakest.map((v) => ctx.graph.ids[v]!)],
        message: `Requests from ${id} are available ${pct(a)} of the time, under the ${pct(objective)} objective: they hard-depend on ${av.closureSize[i]} nodes, the weakest ${list(weakest.map(describe))}.`,
        suggestion: advice,
      });
    });
    return out;
  },
};

