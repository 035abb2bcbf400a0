/** The layout benchmarks' baseline: an ELK graph as bare elkjs would get it. */
import type { ElkNode } from 'elkjs/lib/elk-api';

/** The same graph with every layoutOptions removed: what elkjs does out of the box. */
export function bare(node: ElkNode): ElkNode {
  const { layoutOptions: _drop, children, ports, edges, ...rest } = node;
  return {
    ...rest,
    ...(children ? { children: children.map(bare) } : {}),
    ...(ports ? { ports: ports.map(({ layoutOptions: _p, ...p }) => p) } : {}),
    ...(edges ? { edges: edges.map((e) => ({ id: e.id, sources: e.sources, targets: e.targets })) } : {}),
  };
}
