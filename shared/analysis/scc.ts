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

/** `succ(v)` lists the successors of node v (may repeat; must be in range). */
export function tarjan(n: number, succ: (v: number) => readonly number[]): Components {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const members: number[][] = [];
  const cyclic: boolean[] = [];
  // Explicit DFS frames: node and the position reached in its successor list.
  const frameNode: number[] = [];
  const frameEdge: number[] = [];
  let counter = 0;

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    frameNode.push(root);
    frameEdge.push(0);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frameNode.length > 0) {
      const top = frameNode.length - 1;
      const v = frameNode[top]!;
      const next = succ(v);
      const e = frameEdge[top]!;
      if (e < next.length) {
        frameEdge[top] = e + 1;
        const w = next[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frameNode.push(w);
          frameEdge.push(0);
        } else if (onStack[w]) {
          if (index[w]! < low[v]!) low[v] = index[w]!;
        }
        continue;
      }
      // v is finished.
      frameNode.pop();
      frameEdge.pop();
      if (frameNode.length > 0) {
        const parent = frameNode[frameNode.length - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
      if (low[v] === index[v]) {
        const c = members.length;
        const group: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp[w] = c;
          group.push(w);
        } while (w !== v);
        members.push(group);
        cyclic.push(group.length > 1 || next.includes(v));
      }
    }
  }
  return { comp, members, cyclic };
}
