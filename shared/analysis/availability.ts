/**
 * Availability (section 4): A(n) per node, each client's hard-dependency
 * closure (non-optional sync links and publishes, never consumes or
 * `async: true`), entry availability as the product over the closure, and
 * each node's blast radius (the clients whose closure holds it).
 *
 * Closures of a large model overlap heavily (hundreds of clients reaching
 * thousands of nodes each), so they are walked once per client into typed
 * arrays and kept as one bitset of clients per node, not as lists.
 */
import { availabilityOf, replicasOf } from '../model/defaults';
import type { ModelNode } from '../model/types';
import { isHard, type Graph } from './graph';
import { csr, tarjanCsr, type Csr } from './scc';

/** A(n) as a fraction. */
export function nodeAvailability(n: ModelNode): number {
  const a = availabilityOf(n) / 100;
  if (n.kind === 'external') return a;
  return 1 - Math.pow(1 - a, replicasOf(n));
}

export interface Availability {
  /** A(n) per node, fraction. */
  node: Float64Array;
  /** Client node indices, in model order. */
  clients: number[];
  /** Entry availability per client position, fraction. */
  entry: Float64Array;
  /** Closure size per client position (the client itself excluded). */
  closureSize: Int32Array;
  /** Up to three closure members with the lowest A(n) per client position (ties: model order). */
  weakest(c: number): number[];
  /** The closure of the client at a position: node indices (computed on demand). */
  closureOf(c: number): number[];
  /** Client positions whose closure holds node v, ascending. */
  blastOf(v: number): number[];
  /** The same clients by id (`ids`: the graph's node ids). */
  blastIdsOf(v: number, ids: readonly string[]): string[];
  /** Whether any client's closure holds node v. */
  inSomeClosure(v: number): boolean;
}

const WEAKEST = 3;

/** Closures as client bitsets: depends on links, kinds and optional flags only, so it is reused across edits of other fields. */
export interface AvailabilityPlan {
  hardSucc: Csr;
  clients: number[];
  clientPos: Int32Array;
  words: number;
  /** Bits of the clients whose closure holds node v, word w (a client's own bit cleared). */
  bitsOf(v: number, w: number): number;
}

export function planAvailability(g: Graph): AvailabilityPlan {
  const n = g.ids.length;
  const hard = (li: number) => g.links[li]!.from >= 0 && g.links[li]!.to >= 0 && isHard(g.links[li]!);
  const fromOf = (li: number) => g.links[li]!.from;
  const toOf = (li: number) => g.links[li]!.to;
  const hardSucc = csr(n, g.links.length, hard, fromOf, toOf);
  const hardPred = csr(n, g.links.length, hard, toOf, fromOf);
  const clients: number[] = [];
  const clientPos = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    if (g.nodes[v]!.kind !== 'client') continue;
    clientPos[v] = clients.length;
    clients.push(v);
  }

  // Blast radius as a bitset of clients per node, pushed forward along hard
  // links in topological order of the components: one pass over the links
  // instead of one walk per client.
  const words = Math.max(1, Math.ceil(clients.length / 32));
  const { comp, members, cyclic } = tarjanCsr(n, hardSucc);
  const compBits = new Uint32Array(members.length * words);
  for (let c = members.length - 1; c >= 0; c--) {
    const base = c * words;
    for (const v of members[c]!) {
      for (let k = hardPred.offsets[v]!; k < hardPred.offsets[v + 1]!; k++) {
        const u = hardPred.targets[k]!;
        const cu = comp[u]!;
        if (cu === c) continue;
        const from = cu * words;
        for (let w = 0; w < words; w++) compBits[base + w] = compBits[base + w]! | compBits[from + w]!;
        const p = clientPos[u]!;
        if (p >= 0) compBits[base + (p >>> 5)] = compBits[base + (p >>> 5)]! | (1 << (p & 31));
      }
      // On a cycle, a client member reaches every member (itself included).
      if (cyclic[c] && clientPos[v]! >= 0) {
        const p = clientPos[v]!;
        compBits[base + (p >>> 5)] = compBits[base + (p >>> 5)]! | (1 << (p & 31));
      }
    }
  }
  const bitsOf = (v: number, w: number): number => {
    let x = compBits[comp[v]! * words + w]!;
    // A client is not in its own closure.
    const p = clientPos[v]!;
    if (p >= 0 && p >>> 5 === w) x &= ~(1 << (p & 31));
    return x >>> 0;
  };
  return { hardSucc, clients, clientPos, words, bitsOf };
}

export function computeAvailability(g: Graph, plan: AvailabilityPlan = planAvailability(g)): Availability {
  const n = g.ids.length;
  const node = new Float64Array(n);
  for (let v = 0; v < n; v++) node[v] = nodeAvailability(g.nodes[v]!);
  const { hardSucc, clients, words, bitsOf } = plan;

  const entry = new Float64Array(clients.length).fill(1);
  const closureSize = new Int32Array(clients.length);
  const weakest = new Int32Array(clients.length * WEAKEST).fill(-1);
  const before = (x: number, y: number) => node[x]! < node[y]! || (node[x] === node[y] && x < y);
  for (let v = 0; v < n; v++) {
    const a = node[v]!;
    for (let w = 0; w < words; w++) {
      let x = bitsOf(v, w);
      while (x !== 0) {
        const low = x & -x;
        const c = w * 32 + 31 - Math.clz32(low);
        x = (x ^ low) >>> 0;
        entry[c] = entry[c]! * a;
        closureSize[c]!++;
        // Keep the three weakest members, in order.
        const base = c * WEAKEST;
        const last = weakest[base + WEAKEST - 1]!;
        if (last >= 0 && !before(v, last)) continue;
        let i = WEAKEST - 1;
        while (i > 0 && (weakest[base + i - 1]! < 0 || before(v, weakest[base + i - 1]!))) {
          weakest[base + i] = weakest[base + i - 1]!;
          i--;
        }
        weakest[base + i] = v;
      }
    }
  }

  let walk: Walker | undefined;
  return {
    node,
    clients,
    entry,
    closureSize,
    weakest(c) {
      return Array.from(weakest.subarray(c * WEAKEST, c * WEAKEST + WEAKEST)).filter((v) => v >= 0);
    },
    closureOf(c) {
      const found: number[] = [];
      (walk ??= new Walker(n, hardSucc)).from(clients[c]!, (v) => found.push(v));
      return found;
    },
    blastOf(v) {
      const out: number[] = [];
      for (let w = 0; w < words; w++) {
        let x = bitsOf(v, w);
        while (x !== 0) {
          const low = x & -x;
          out.push(w * 32 + 31 - Math.clz32(low));
          x = (x ^ low) >>> 0;
        }
      }
      return out;
    },
    blastIdsOf(v, ids) {
      const out: string[] = [];
      for (let w = 0; w < words; w++) {
        let x = bitsOf(v, w);
        while (x !== 0) {
          const low = x & -x;
          out.push(ids[clients[w * 32 + 31 - Math.clz32(low)]!]!);
          x = (x ^ low) >>> 0;
        }
      }
      return out;
    },
    inSomeClosure(v) {
      for (let w = 0; w < words; w++) if (bitsOf(v, w) !== 0) return true;
      return false;
    },
  };
}

/** Depth-first reachability with a reusable stamp array: no allocation per walk. */
class Walker {
  private readonly stamp: Int32Array;
  private readonly stack: Int32Array;
  private round = 0;

  constructor(
    n: number,
    private readonly succ: Csr,
  ) {
    this.stamp = new Int32Array(n);
    this.stack = new Int32Array(n + 1);
  }

  /** Calls `visit` once for every node reachable from `start` (not `start` itself). */
  from(start: number, visit: (v: number) => void): void {
    const round = ++this.round;
    const { stamp, stack, succ } = this;
    let top = 0;
    stack[top++] = start;
    stamp[start] = round;
    while (top > 0) {
      const v = stack[--top]!;
      for (let i = succ.offsets[v]!; i < succ.offsets[v + 1]!; i++) {
        const w = succ.targets[i]!;
        if (stamp[w] === round) continue;
        stamp[w] = round;
        visit(w);
        stack[top++] = w;
      }
    }
  }
}
