import type { AnalysisContext } from '../context';
import { isSync, type GraphLink } from '../graph';
import { list } from '../fmt';
import type { RawFinding, Rule } from './rule';

const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
/** Nodes that run a workflow of their own (gateways only route, so they never start one). */
const WORKFLOW_KINDS = ['service', 'worker', 'function'];
const runsWorkflow = (ctx: AnalysisContext, v: number) => WORKFLOW_KINDS.includes(ctx.graph.nodes[v]!.kind);

/** A sync link that changes state at its target: access write/readwrite, or an endpoint with a writing method. */
export function isSyncWrite(ctx: AnalysisContext, l: GraphLink): boolean {
  if (!isSync(l) || l.to < 0) return false;
  if (l.link.access) return l.link.access !== 'read';
  if (!l.link.endpoint) return false;
  const to = ctx.graph.nodes[l.to]!;
  const ep = ('api' in to ? to.api?.endpoints : undefined)?.find((e) => e.id === l.link.endpoint);
  return ep !== undefined && WRITE_METHODS.includes(ep.method);
}

/** A node's bounded context; a database without one takes its owner's. */
function contextOf(ctx: AnalysisContext, v: number): string | undefined {
  const nd = ctx.graph.nodes[v]!;
  if (nd.context) return nd.context;
  if (nd.kind === 'database' && nd.owner) {
    const o = ctx.graph.index.get(nd.owner);
    return o === undefined ? undefined : ctx.graph.nodes[o]!.context;
  }
  return undefined;
}

export const rule: Rule = {
  id: 'design.sync-saga',
  severity: 'warning',
  subject: 'node',
  title: 'Cross-context workflow of synchronous writes',
  when: 'one request makes two or more synchronous writes (links with access write/readwrite, or to a POST/PUT/PATCH/DELETE endpoint), followed transitively, that land in two or more bounded contexts. Reported once, at the service, worker or function (with a context) that starts the chain.',
  why: 'There is no transaction across contexts: when a later write fails, the earlier ones stay done and the contexts disagree (the dual-write problem), and every participant must be up for the request to succeed.',
  fix: 'Make it a saga: the first service commits its own change with an outbox record and publishes an event; the other contexts react, with compensating actions on failure (choreography), or one orchestrator drives the steps from a durable log.',
  check(ctx) {
    const g = ctx.graph;
    const writes = g.links.filter((l) => isSyncWrite(ctx, l));
    if (writes.length < 2) return [];
    const writtenFromContext = new Uint8Array(g.ids.length);
    // Sparse: only the few nodes that write get a list.
    const writeOut: number[][] = new Array(g.ids.length);
    for (const l of writes) {
      (writeOut[l.from] ??= []).push(l.i);
      if (runsWorkflow(ctx, l.from) && contextOf(ctx, l.from)) writtenFromContext[l.to] = 1;
    }
    const out: RawFinding[] = [];
    for (let root = 0; root < g.ids.length; root++) {
      if (!runsWorkflow(ctx, root) || !contextOf(ctx, root) || writtenFromContext[root] || writeOut[root] === undefined) continue;
      const chain: GraphLink[] = [];
      const seen = new Set([root]);
      const stack = [root];
      while (stack.length > 0) {
        const v = stack.pop()!;
        for (const li of writeOut[v] ?? []) {
          const l = g.links[li]!;
          chain.push(l);
          if (!seen.has(l.to)) {
            seen.add(l.to);
            stack.push(l.to);
          }
        }
      }
      const written = [...new Set(chain.map((l) => l.to))];
      const contexts = new Set(written.map((v) => contextOf(ctx, v)).filter((c) => c !== undefined));
      if (chain.length < 2 || contexts.size < 2) continue;
      const id = g.ids[root]!;
      const label = (v: number) => `${g.ids[v]} (${contextOf(ctx, v) ?? 'no context'})`;
      const others = written.filter((v) => contextOf(ctx, v) !== contextOf(ctx, root)).map((v) => g.ids[v]!);
      out.push({
        nodes: [id, ...written.map((v) => g.ids[v]!)],
        links: chain.map((l) => l.id),
        message: `One request to ${id} writes synchronously to ${list(written.map(label))} across ${contexts.size} bounded contexts: if a later write fails, the earlier ones stay done and the contexts disagree.`,
        suggestion: `Make it a saga: ${id} commits its own change with an outbox record and publishes an event; ${list(others)} react to it, each with a compensating action (cancel, refund, release) for when a later step fails.`,
      });
    }
    return out;
  },
};
