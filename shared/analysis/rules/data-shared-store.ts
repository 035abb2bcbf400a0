/** Shared logic of data.shared-database and data.shared-cache: who uses a data store synchronously, from which contexts. */
import { API_KINDS } from '../../model/schema';
import type { AnalysisContext } from '../context';
import { isSync } from '../graph';
import type { RawFinding } from './rule';

export interface StoreUsers {
  users: number[];
  /** Distinct context labels ("(no context)" counts as one). */
  contexts: string[];
}

export function storeUsers(ctx: AnalysisContext, store: number): StoreUsers {
  const g = ctx.graph;
  const users = new Set<number>();
  for (const li of g.in[store]!) {
    const l = g.links[li]!;
    if (isSync(l) && l.from >= 0 && (API_KINDS as readonly string[]).includes(g.nodes[l.from]!.kind)) users.add(l.from);
  }
  const sorted = [...users].sort((a, b) => a - b);
  const contexts = [...new Set(sorted.map((v) => g.nodes[v]!.context ?? '(no context)'))];
  return { users: sorted, contexts };
}

export function describeUsers(ctx: AnalysisContext, users: number[]): string {
  return users.map((v) => `${ctx.graph.ids[v]} (${ctx.graph.nodes[v]!.context ?? 'no context'})`).join(', ');
}

/** A store used from two or more contexts: one finding. */
export function crossContextFinding(ctx: AnalysisContext, store: number, what: string, advice: string): RawFinding | undefined {
  const { users, contexts } = storeUsers(ctx, store);
  if (contexts.length < 2) return undefined;
  const id = ctx.graph.ids[store]!;
  return {
    nodes: [id, ...users.map((v) => ctx.graph.ids[v]!)],
    message: `${id} is used synchronously from ${contexts.length} bounded contexts: ${describeUsers(ctx, users)}; ${what}.`,
    suggestion: advice,
  };
}
