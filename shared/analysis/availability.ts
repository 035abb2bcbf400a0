/**
 * Availability (section 4): A(n) per node, each client's hard-dependency
 * closure (non-optional sync links and publishes, never consumes or
 * `async: true`), entry availability as the product over the closure, and
 * each node's blast radius (the clients whose closure holds it).
 */
import { availabilityOf, replicasOf } from '../model/defaults';
import type { ModelNode } from '../model/types';
import { isHard, type Graph } from './graph';

/** A(n) as a fraction. */
export function nodeAvailability(n: ModelNode): number {
  const a = availabilityOf(n) / 100;
  if (n.kind === 'external') return a;
  return 1 - Math.pow(1 - a, replicasOf(n));
}

export interface Availability {
  /** A(n) per node, fraction. */
  node: Float64Array;
  clients: number[];
  /** Closure per client (same order as `clients`), node indices in visiting order; the client itself excluded. */
  closure: number[][];
  /** Entry availability per client, fraction. */
  entry: Float64Array;
  /** Client positions (into `clients`) per node. */
  blast: number[][];
}

export function computeAvailability(g: Graph): Availability {
  const n = g.ids.length;
  const node = new Float64Array(n);
  for (let v = 0; v < n; v++) node[v] = nodeAvailability(g.nodes[v]!);
  const hardSucc: number[][] = g.out.map((ls) =>
    ls.filter((li) => isHard(g.links[li]!) && g.links[li]!.to >= 0).map((li) => g.links[li]!.to),
  );
  const clients: number[] = [];
  for (let v = 0; v < n; v++) if (g.nodes[v]!.kind === 'client') clients.push(v);
  const closure = closures(n, clients, hardSucc);
  const entry = new Float64Array(clients.length);
  const blast: number[][] = g.ids.map(() => []);
  closure.forEach((members, c) => {
    let a = 1;
    for (const v of members) {
      a *= node[v]!;
      blast[v]!.push(c);
    }
    entry[c] = a;
  });
  return { node, clients, closure, entry, blast };
}

/** Nodes reachable from each start over `succ`, the start itself excluded. */
export function closures(n: number, starts: number[], succ: number[][]): number[][] {
  const seen = new Int32Array(n).fill(-1);
  return starts.map((s, c) => {
    const found: number[] = [];
    const stack = [s];
    seen[s] = c;
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (const w of succ[v]!) {
        if (seen[w] === c) continue;
        seen[w] = c;
        found.push(w);
        stack.push(w);
      }
    }
    return found;
  });
}
