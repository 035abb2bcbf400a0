/**
 * Strongly connected components (Tarjan), iterative so that a 10,000-node
 * chain cannot overflow the call stack. Components come out in reverse
 * topological order: every component after all the components it reaches.
 */
export interface Components {
  /** Component number of each node. */
  comp: Int32Array;
  /** Members of each component, in emission order (sinks first). */
  members: number[][];
  /** True when the component holds a cycle (two or more nodes, or a self-loop). */
  cyclic: boolean[];
}

/**
 * Adjacency in compressed form: the successors of v are
 * targets[offsets[v]] .. targets[offsets[v + 1] - 1]. Two typed arrays instead
 * of an array per node: the analysis builds several per run.
 */
export interface Csr {
  offsets: Int32Array;
  targets: Int32Array;
}

/** The edges k < m for which `keep(k)`, from `fromOf(k)` to `toOf(k)`, in the order of k. */
export function csr(n: number, m: number, keep: (k: number) => boolean, fromOf: (k: number) => number, toOf: (k: number) => number): Csr {
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) if (keep(k)) offsets[fromOf(k) + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(offsets[n]!);
  for (let k = 0; k < m; k++) if (keep(k)) targets[fill[fromOf(k)]!++] = toOf(k);
  return { offsets, targets };
}

/** `succ(v)` lists the successors of node v (may repeat; must be in range). */
export function tarjan(n: number, succ: (v: number) => readonly number[]): Components {
  const lists = Array.from({ length: n }, (_, v) => succ(v));
  const offsets = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) offsets[v + 1] = offsets[v]! + lists[v]!.length;
  const targets = new Int32Array(offsets[n]!);
  for (let v = 0; v < n; v++) targets.set(lists[v]!, offsets[v]!);
  return tarjanCsr(n, { offsets, targets });
}

export function tarjanCsr(n: number, { offsets, targets }: Csr): Components {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let sp = 0;
  const members: number[][] = [];
  const cyclic: boolean[] = [];
  // Explicit DFS frames: node and the position reached in the successor list.
  const frameNode = new Int32Array(n);
  const frameEdge = new Int32Array(n);
  let fp = 0;
  let counter = 0;

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    frameNode[fp] = root;
    frameEdge[fp++] = offsets[root]!;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (fp > 0) {
      const top = fp - 1;
      const v = frameNode[top]!;
      const e = frameEdge[top]!;
      if (e < offsets[v + 1]!) {
        frameEdge[top] = e + 1;
        const w = targets[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          frameNode[fp] = w;
          frameEdge[fp++] = offsets[w]!;
        } else if (onStack[w]) {
          if (index[w]! < low[v]!) low[v] = index[w]!;
        }
        continue;
      }
      // v is finished.
      fp--;
      if (fp > 0) {
        const parent = frameNode[fp - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
      if (low[v] === index[v]) {
        const c = members.length;
        const group: number[] = [];
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          comp[w] = c;
          group.push(w);
        } while (w !== v);
        members.push(group);
        let selfLoop = false;
        for (let k = offsets[v]!; k < offsets[v + 1]! && !selfLoop; k++) selfLoop = targets[k] === v;
        cyclic.push(group.length > 1 || selfLoop);
      }
    }
  }
  return { comp, members, cyclic };
}
