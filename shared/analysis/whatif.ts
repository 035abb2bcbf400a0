/**
 * What-if with failed nodes: which entries go down (a failed node is in their
 * hard-dependency closure), which survive although they reach a failed node
 * (through an optional link or asynchronously), and what else is hit.
 */
import type { AnalysisContext } from './context';
import { isHard } from './graph';
import type { WhatIfResult } from './types';

export function whatIf(ctx: AnalysisContext, failedIds: readonly string[]): WhatIfResult {
  const g = ctx.graph;
  const n = g.ids.length;
  const failed = new Uint8Array(n);
  for (const id of failedIds) {
    const v = g.index.get(id);
    if (v !== undefined) failed[v] = 1;
  }

  // Nodes that go down with the failure: the failed ones and every node that
  // hard-depends on one (walk hard links backwards from the failed nodes).
  const down = new Uint8Array(n);
  const stack: number[] = [];
  for (let v = 0; v < n; v++) {
    if (!failed[v]) continue;
    down[v] = 1;
    stack.push(v);
  }
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (const li of g.in[v]!) {
      const l = g.links[li]!;
      if (l.from < 0 || down[l.from] || !isHard(l)) continue;
      down[l.from] = 1;
      stack.push(l.from);
    }
  }

  // Nodes that only the failure cut off: reachable from a client before, not after.
  const reach = (blocked: Uint8Array | null): Uint8Array => {
    const seen = new Uint8Array(n);
    const todo: number[] = [];
    for (const c of ctx.availability.clients) {
      if (blocked?.[c]) continue;
      seen[c] = 1;
      todo.push(c);
    }
    while (todo.length > 0) {
      const v = todo.pop()!;
      for (const li of g.out[v]!) {
        const to = g.links[li]!.to;
        if (to < 0 || seen[to] || blocked?.[to]) continue;
        seen[to] = 1;
        todo.push(to);
      }
    }
    return seen;
  };
  const before = reach(null);
  const after = reach(down);

  const downEntries: string[] = [];
  const survivingEntries: string[] = [];
  for (const c of ctx.availability.clients) {
    if (down[c]) downEntries.push(g.ids[c]!);
  }
  // An entry survives a failure it can reach only through optional or async links.
  const reachesFailed = (c: number): boolean => {
    const seen = new Uint8Array(n);
    const todo = [c];
    seen[c] = 1;
    while (todo.length > 0) {
      const v = todo.pop()!;
      if (failed[v]) return true;
      for (const li of g.out[v]!) {
        const to = g.links[li]!.to;
        if (to < 0 || seen[to]) continue;
        seen[to] = 1;
        todo.push(to);
      }
    }
    return false;
  };
  for (const c of ctx.availability.clients) if (!down[c] && reachesFailed(c)) survivingEntries.push(g.ids[c]!);

  const affected = new Uint8Array(n);
  for (let v = 0; v < n; v++) if (down[v] || (before[v] && !after[v])) affected[v] = 1;
  // Links into an affected node from anything that was live: the calls that now fail or go nowhere.
  const affectedLinks = g.links
    .filter((l) => l.to >= 0 && l.from >= 0 && affected[l.to] && (affected[l.from] || before[l.from]))
    .map((l) => l.id);

  return {
    loadFactor: ctx.loadFactor,
    failed: [...failedIds],
    downEntries,
    survivingEntries,
    affectedNodes: g.ids.filter((_, v) => affected[v]),
    affectedLinks,
  };
}
