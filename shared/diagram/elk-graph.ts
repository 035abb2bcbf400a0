/**
 * The model as an ELK graph, and ELK's answer as a DiagramLayout. Pure: no
 * elkjs import here, so the canvas can use the sizes without loading ELK.
 *
 * Element ids are prefixed (`n/`, `c/`, `e/`, `p/`) because a node and a
 * context may share an id in the model, and ELK needs one namespace.
 */
import type { ElkExtendedEdge, ElkNode, ElkPort, LayoutOptions } from 'elkjs/lib/elk-api';
import { resolveLinks, type Context, type Model, type NodeKind } from '../model';
import { LINK_SIDES, elkSide } from './ports';
import { edgeLabelSize, linkLabel } from './text';
import type { Box, DiagramLayout, Point, Size } from './types';

/** Node sizes per kind, shared with the canvas so React Flow can skip measuring. */
export const NODE_SIZE: Readonly<Record<NodeKind, Size>> = {
  client: { width: 180, height: 60 },
  gateway: { width: 196, height: 64 },
  loadbalancer: { width: 180, height: 60 },
  cdn: { width: 180, height: 60 },
  service: { width: 196, height: 64 },
  worker: { width: 196, height: 64 },
  function: { width: 180, height: 60 },
  database: { width: 196, height: 64 },
  cache: { width: 180, height: 60 },
  queue: { width: 196, height: 56 },
  topic: { width: 196, height: 56 },
  storage: { width: 180, height: 60 },
  external: { width: 196, height: 64 },
};

export function nodeSize(kind: NodeKind): Size {
  return NODE_SIZE[kind] ?? NODE_SIZE.service;
}

export const CONTEXT_PADDING = 20;
/** Title bar of a context frame, above the padding. */
export const CONTEXT_TITLE_HEIGHT = 28;

/** Room a frame keeps above its children: padding, title, and a line for the description when there is one. */
export function contextHeaderHeight(context: Pick<Context, 'description'> | undefined): number {
  return CONTEXT_PADDING + CONTEXT_TITLE_HEIGHT + (context?.description ? 16 : 0);
}

export type PortStrategy = 'fixed-side' | 'free' | 'none';
/**
 * ORTHOGONAL by default: compared with SPLINES on the templates it keeps
 * routes clear of context frames and leaves straight stretches for labels.
 * (Spline routes come back as Bezier control points, which svg.ts does not draw.)
 */
export type EdgeRouting = 'ORTHOGONAL' | 'POLYLINE';

export interface ElkGraphOptions {
  /** Measured sizes that override NODE_SIZE (e.g. a node the user resized). */
  sizes?: Record<string, Size>;
  /** Lay out only these nodes (and the links among them). */
  only?: string[];
  /**
   * Known positions, handed to ELK as hints (`elk.position`) so that the
   * semi-interactive crossing minimisation keeps their order within a layer.
   * ELK layered cannot pin coordinates: layout.ts restores them exactly.
   */
  fixed?: Record<string, Point>;
  /**
   * Default 'fixed-side' (one port per link end, outgoing east, incoming
   * west); 'none' above HUGE_GRAPH_NODES. 'free' gave the very same drawings
   * as 'fixed-side' on every template and generated model we tried.
   */
  ports?: PortStrategy;
  /** Default ORTHOGONAL. */
  edgeRouting?: EdgeRouting;
  /**
   * Let ELK make room for link labels (protocol, message, calls). Default
   * false: layered gives every label its own layer, which made the templates
   * almost twice as wide; the SVG finds room on the route instead.
   */
  edgeLabels?: boolean;
}

export const elkId = {
  node: (id: string) => `n/${id}`,
  context: (id: string) => `c/${id}`,
  edge: (linkId: string) => `e/${linkId}`,
  sourcePort: (linkId: string) => `p/${linkId}/s`,
  targetPort: (linkId: string) => `p/${linkId}/t`,
};

const ROOT_ID = 'keel-root';

/**
 * Spacing, set on the root and on every context: ELK reads it from the graph
 * being laid out, which for a context's children is the context.
 * Between layers there is room for a link label chip.
 */
const SPACING: LayoutOptions = {
  'elk.layered.spacing.nodeNodeBetweenLayers': '96',
  'elk.spacing.nodeNode': '28',
  'elk.layered.spacing.edgeNodeBetweenLayers': '20',
  'elk.spacing.edgeNode': '16',
  'elk.spacing.edgeEdge': '10',
};

/**
 * Above this many nodes, node placement switches from network simplex (the
 * straightest edges, but superlinear: 34 s for 1,000 generated nodes) to
 * Brandes-Koepf (2-3 s for the same graph, taller drawings). A 120-node
 * generated model took 1.8-2.6 s with network simplex on a loaded 2-core machine.
 */
export const NETWORK_SIMPLEX_MAX_NODES = 100;

/**
 * Above this many nodes, one crossing-minimisation sweep and no explicit
 * ports (ELK still leaves east and enters west). On the generated 1,000-node
 * model, on a loaded 2-core machine: 10-19 s with the small-graph settings,
 * about 7 s with these, and a drawing of the same size.
 */
export const HUGE_GRAPH_NODES = 500;

/** Layout options for the root; layered, left to right, contexts laid out together with their children. */
export function rootLayoutOptions(
  opts: Pick<ElkGraphOptions, 'edgeRouting' | 'fixed'> & { nodeCount?: number } = {},
): LayoutOptions {
  const large = (opts.nodeCount ?? 0) > NETWORK_SIMPLEX_MAX_NODES;
  const options: LayoutOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
    'elk.edgeRouting': opts.edgeRouting ?? 'ORTHOGONAL',
    ...SPACING,
    'elk.spacing.componentComponent': '48',
    ...(large
      ? {
          'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
          'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
        }
      : { 'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX' }),
    // Fewer crossing-minimisation sweeps than the default 7 on large graphs. One
    // sweep against three on the generated 300-node model: 25% less CPU warm (486
    // against 649 ms), 17% less on a fresh process's first layout (200 nodes: 1.9
    // against 2.3 s), and a drawing of the same size and readability.
    'elk.layered.thoroughness': large ? '1' : '7',
    // Ties follow the model's order, so nodes keep the order of the file. Not on
    // large graphs: on the generated 1,000-node model it took ELK from 1.8 s to
    // 27 s of CPU. ELK stays deterministic without it (fixed random seed).
    ...(large ? {} : { 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' }),
    'elk.randomSeed': '1',
    'elk.padding': '[top=24,left=24,bottom=24,right=24]',
    // Absolute coordinates for shapes and routes: no offsets to add up afterwards.
    'elk.json.shapeCoords': 'ROOT',
    'elk.json.edgeCoords': 'ROOT',
  };
  if (opts.fixed && Object.keys(opts.fixed).length > 0) {
    options['elk.layered.crossingMinimization.semiInteractive'] = 'true';
  }
  return options;
}

const contextLayoutOptions = (context: Context | undefined): LayoutOptions => ({
  ...SPACING,
  'elk.padding': `[top=${contextHeaderHeight(context)},left=${CONTEXT_PADDING},bottom=${CONTEXT_PADDING},right=${CONTEXT_PADDING}]`,
});

const labelLayoutOptions: LayoutOptions = { 'elk.edgeLabels.inline': 'true', 'elk.edgeLabels.placement': 'CENTER' };

/** The model as an ELK graph: contexts as compound nodes, nodes sized by kind, links as edges between ports. */
export function toElkGraph(model: Model, opts: ElkGraphOptions = {}): ElkNode {
  const only = opts.only ? new Set(opts.only) : null;
  const ids = Object.keys(model.nodes).filter((id) => !only || only.has(id));
  const portStrategy = opts.ports ?? (ids.length > HUGE_GRAPH_NODES ? 'none' : 'fixed-side');
  const included = new Set(ids);
  const contexts = model.contexts ?? {};

  const links = resolveLinks(model).filter(
    (l) => l.from !== l.to && included.has(l.from) && included.has(l.to),
  );
  const ports = new Map<string, ElkPort[]>();
  if (portStrategy !== 'none') {
    for (const l of links) {
      const fixed = portStrategy === 'fixed-side';
      push(ports, l.from, port(elkId.sourcePort(l.id), fixed ? elkSide(LINK_SIDES.source) : undefined));
      push(ports, l.to, port(elkId.targetPort(l.id), fixed ? elkSide(LINK_SIDES.target) : undefined));
    }
  }

  const contextOf = (id: string): string | undefined => {
    const c = model.nodes[id]?.context;
    return c !== undefined && contexts[c] ? c : undefined;
  };

  const byContext = new Map<string, ElkNode[]>();
  const rootChildren: ElkNode[] = [];
  for (const id of ids) {
    const node = model.nodes[id]!;
    const size = opts.sizes?.[id] ?? nodeSize(node.kind);
    const elkNode: ElkNode = {
      id: elkId.node(id),
      width: size.width,
      height: size.height,
      ports: ports.get(id) ?? [],
      layoutOptions: {
        'elk.portConstraints': portStrategy === 'free' ? 'FREE' : 'FIXED_SIDE',
      },
    };
    const hint = opts.fixed?.[id];
    if (hint) {
      elkNode.x = hint.x;
      elkNode.y = hint.y;
      elkNode.layoutOptions!['elk.position'] = `(${hint.x},${hint.y})`;
    }
    const ctx = contextOf(id);
    if (ctx === undefined) rootChildren.push(elkNode);
    else push(byContext, ctx, elkNode);
  }

  // Edges live in the lowest common ancestor: the context when both ends share one, else the root.
  const contextEdges = new Map<string, ElkExtendedEdge[]>();
  const rootEdges: ElkExtendedEdge[] = [];
  for (const l of links) {
    const edge: ElkExtendedEdge = {
      id: elkId.edge(l.id),
      sources: [portStrategy === 'none' ? elkId.node(l.from) : elkId.sourcePort(l.id)],
      targets: [portStrategy === 'none' ? elkId.node(l.to) : elkId.targetPort(l.id)],
    };
    const text = opts.edgeLabels ? linkLabel(l) : '';
    if (text) edge.labels = [{ id: `l/${l.id}`, text, ...edgeLabelSize(text), layoutOptions: labelLayoutOptions }];
    const a = contextOf(l.from);
    if (a !== undefined && a === contextOf(l.to)) push(contextEdges, a, edge);
    else rootEdges.push(edge);
  }

  for (const ctxId of Object.keys(contexts)) {
    const children = byContext.get(ctxId);
    if (!children) continue;
    rootChildren.push({
      id: elkId.context(ctxId),
      children,
      edges: contextEdges.get(ctxId) ?? [],
      layoutOptions: contextLayoutOptions(contexts[ctxId]),
    });
  }

  return {
    id: ROOT_ID,
    layoutOptions: rootLayoutOptions({ ...opts, nodeCount: ids.length }),
    children: rootChildren,
    edges: rootEdges,
  };
}

/** Whole units: positions end up in the model file, where 237.41666666666666 helps nobody. */
const round = (v: number): number => Math.round(v);

function port(id: string, side: ReturnType<typeof elkSide> | undefined): ElkPort {
  return { id, width: 1, height: 1, ...(side ? { layoutOptions: { 'elk.port.side': side } } : {}) };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * ELK's laid-out graph as absolute boxes and routes keyed by model ids.
 * Reads ROOT coordinates when the graph asked for them, otherwise adds up
 * parent offsets (shapes) and container offsets (edges) as ELK defines them.
 */
export function fromElkResult(result: ElkNode): DiagramLayout {
  const rootShapes = result.layoutOptions?.['elk.json.shapeCoords'] === 'ROOT';
  const rootEdges = result.layoutOptions?.['elk.json.edgeCoords'] === 'ROOT';
  const layout: DiagramLayout = {
    nodes: {},
    contexts: {},
    edges: {},
    width: Math.ceil(result.width ?? 0),
    height: Math.ceil(result.height ?? 0),
  };
  const offsets = new Map<string, Point>([[result.id, { x: 0, y: 0 }]]);

  const visit = (parent: ElkNode, origin: Point): void => {
    for (const child of parent.children ?? []) {
      const box: Box = {
        x: round((child.x ?? 0) + (rootShapes ? 0 : origin.x)),
        y: round((child.y ?? 0) + (rootShapes ? 0 : origin.y)),
        width: round(child.width ?? 0),
        height: round(child.height ?? 0),
      };
      offsets.set(child.id, { x: box.x, y: box.y });
      if (child.id.startsWith('n/')) layout.nodes[child.id.slice(2)] = box;
      else if (child.id.startsWith('c/')) layout.contexts[child.id.slice(2)] = box;
      visit(child, box);
    }
  };
  visit(result, { x: 0, y: 0 });

  const visitEdges = (holder: ElkNode): void => {
    for (const edge of holder.edges ?? []) {
      if (!edge.id.startsWith('e/')) continue;
      const container = (edge as ElkExtendedEdge & { container?: string }).container ?? holder.id;
      const o = rootEdges ? { x: 0, y: 0 } : (offsets.get(container) ?? { x: 0, y: 0 });
      const points: Point[] = [];
      for (const s of edge.sections ?? []) {
        for (const p of [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]) {
          const q = { x: round(p.x + o.x), y: round(p.y + o.y) };
          const last = points[points.length - 1];
          if (!last || last.x !== q.x || last.y !== q.y) points.push(q);
        }
      }
      const label = edge.labels?.[0];
      layout.edges[edge.id.slice(2)] =
        label && label.x !== undefined && label.y !== undefined
          ? {
              points,
              label: {
                x: round(label.x + o.x),
                y: round(label.y + o.y),
                width: round(label.width ?? 0),
                height: round(label.height ?? 0),
              },
            }
          : { points };
    }
    for (const child of holder.children ?? []) visitEdges(child);
  };
  visitEdges(result);
  return layout;
}
