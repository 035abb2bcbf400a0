/**
 * Model -> React Flow (after LikeC4's convert-to-xyflow). The model is never
 * stored in React Flow: every render derives nodes and edges from it. Derived
 * objects are cached per element and reused while their inputs are the same
 * objects (immer keeps unchanged parts identical), so a drag on a 2,000-node
 * model rebuilds one node, not two thousand, and React Flow skips the rest.
 */
import { Position, type Edge, type Node, type NodeProps } from '@xyflow/react';
import { CONTEXT_PADDING, CONTEXT_TITLE_HEIGHT, LINK_SIDES, nodeSize, type Side } from '../../../shared/diagram';
import { linkMode, resolveLinks, type LinkMode } from '../../../shared/model/defaults';
import type { NodeKind } from '../../../shared/model/schema';
import type { Context, LayoutPosition, Model, ModelNode, ResolvedLink } from '../../../shared/model/types';
import { KIND_LOOK } from './kinds';

export interface KindNodeData extends Record<string, unknown> {
  kind: NodeKind;
  name: string;
  subtitle: string;
  replicas: number;
  capacity: number | undefined;
}
export type KindFlowNode = Node<KindNodeData, 'kind'>;
export type KindNodeProps = NodeProps<KindFlowNode>;

export interface FrameData extends Record<string, unknown> {
  contextId: string;
  name: string;
  color: string | undefined;
  dropTarget: boolean;
}
export type FrameFlowNode = Node<FrameData, 'frame'>;
export type FrameNodeProps = NodeProps<FrameFlowNode>;

export interface LinkEdgeData extends Record<string, unknown> {
  mode: LinkMode;
  label: string;
}
export type LinkFlowEdge = Edge<LinkEdgeData, 'link'>;

export type FlowNode = KindFlowNode | FrameFlowNode;

export const FRAME_PREFIX = 'ctx:';
const FRAME_STYLE = { pointerEvents: 'none' } as const;
export const frameId = (contextId: string) => FRAME_PREFIX + contextId;
export const isFrameId = (id: string) => id.startsWith(FRAME_PREFIX);

const HANDLE = 10;

/** Handles at known places so React Flow need not measure them (one per side, loose connection mode). */
function handlesFor(width: number, height: number): NonNullable<Node['handles']> {
  const h = HANDLE;
  return [
    { id: 't', type: 'source', position: Position.Top, x: width / 2 - h / 2, y: -h / 2, width: h, height: h },
    { id: 'r', type: 'source', position: Position.Right, x: width - h / 2, y: height / 2 - h / 2, width: h, height: h },
    {
      id: 'b',
      type: 'source',
      position: Position.Bottom,
      x: width / 2 - h / 2,
      y: height - h / 2,
      width: h,
      height: h,
    },
    { id: 'l', type: 'source', position: Position.Left, x: -h / 2, y: height / 2 - h / 2, width: h, height: h },
  ];
}

const handleCache = new Map<string, NonNullable<Node['handles']>>();
function handlesOf(width: number, height: number) {
  const key = `${width}x${height}`;
  let h = handleCache.get(key);
  if (!h) handleCache.set(key, (h = handlesFor(width, height)));
  return h;
}

interface NodeEntry {
  src: ModelNode;
  pos: { x: number; y: number };
  selected: boolean;
  out: KindFlowNode;
}

interface EdgeEntry {
  link: ResolvedLink;
  mode: LinkMode;
  selected: boolean;
  out: LinkFlowEdge;
}

export interface Derived {
  nodes: FlowNode[];
  edges: LinkFlowEdge[];
  /** Absolute boxes of every node (after fallback placement). */
  boxes: Map<string, Box>;
  frames: Map<string, Box>;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DeriveInput {
  model: Model;
  selection: ReadonlySet<string>;
  /** Frames as they were when a drag began: they hold still so a node can leave one. */
  frozenFrames?: Map<string, Box> | undefined;
  /** The frame a drag is over, highlighted as a drop target. */
  dropTarget?: string | undefined;
  /**
   * View-only positions over the model's layout: a drag under way, a layout
   * tween. The model takes the final positions once, at the end.
   */
  positions?: ReadonlyMap<string, Point> | null | undefined;
}

export interface Point {
  x: number;
  y: number;
}

interface FrameEntry {
  ctx: Context | undefined;
  box: Box;
  selected: boolean;
  dropTarget: boolean;
  out: FrameFlowNode;
}

/** What the last derivation was made from and made: the next one starts from it when it can. */
interface Last {
  nodes: Model['nodes'];
  layout: Model['layout'];
  contexts: Model['contexts'];
  positions: ReadonlyMap<string, Point> | null | undefined;
  selection: ReadonlySet<string>;
  boxes: Map<string, Box>;
  /** Frames computed from the boxes (not the frozen ones of a drag). */
  frames: Map<string, Box> | null;
  kindNodes: KindFlowNode[];
  /** Node id -> its index in kindNodes. */
  index: Map<string, number>;
  /** Some nodes had no position (they sit in the waiting grid, which depends on all the others). */
  unplaced: boolean;
}

export class FlowDeriver {
  private frameCache = new Map<string, FrameEntry>();
  private lastEdges: LinkFlowEdge[] = [];
  private nodeCache = new Map<string, NodeEntry>();
  private edgeCache = new Map<string, EdgeEntry>();
  private linksOf: {
    links: Model['links'];
    nodes: Model['nodes'];
    resolved: ResolvedLink[];
    modes: LinkMode[];
    /** Node id -> indexes into resolved of the links touching it. */
    touching: Map<string, number[]>;
  } | null = null;
  private last: Last | null = null;
  /** Whether the last full pass over the boxes found nodes without a position. */
  private unplaced = false;
  /** Link id -> its index in lastEdges. */
  private edgeIndex = new Map<string, number>();
  /** How many kind nodes the last derivation rebuilt or re-checked (for tests: a drag touches a few, not all). */
  lastTouched = 0;

  derive({ model, selection, frozenFrames, dropTarget, positions }: DeriveInput): Derived {
    const changed = this.changedNodes(model, selection, positions);
    const boxes = changed ? this.patchBoxes(model, positions, changed) : this.allBoxes(model, positions);
    let computed: Map<string, Box> | null = null;
    if (!frozenFrames) {
      const prev = this.last;
      computed =
        changed && changed.size === 0 && prev?.frames && prev.contexts === model.contexts
          ? prev.frames
          : this.frames(model, boxes);
    }
    const frames = frozenFrames ?? computed!;

    const nodes: FlowNode[] = this.frameNodes(model, frames, selection, dropTarget);
    const { kindNodes, index } = changed
      ? this.patchKindNodes(model, boxes, selection, changed)
      : this.allKindNodes(model, boxes, selection);
    for (const n of kindNodes) nodes.push(n);

    const edges = this.edges(model, boxes, selection, changed);
    this.last = {
      nodes: model.nodes,
      layout: model.layout,
      contexts: model.contexts,
      positions,
      selection,
      boxes,
      frames: computed ?? this.last?.frames ?? null,
      kindNodes,
      index,
      unplaced: this.unplaced,
    };
    return { nodes, edges, boxes, frames };
  }

  /**
   * The nodes whose box or selection may differ from the last derivation, or
   * null when everything has to be looked at (nodes added, removed or edited,
   * nodes waiting for a position). Positions are compared by identity: immer
   * keeps an unmoved node's layout entry the same object.
   */
  private changedNodes(
    model: Model,
    selection: ReadonlySet<string>,
    positions: ReadonlyMap<string, Point> | null | undefined,
  ): Set<string> | null {
    const prev = this.last;
    if (!prev || prev.nodes !== model.nodes || prev.unplaced) return null;
    const out = new Set<string>();
    if (model.layout !== prev.layout) {
      const a = model.layout ?? {};
      const b = prev.layout ?? {};
      for (const id in model.nodes) if (a[id] !== b[id]) out.add(id);
    }
    if (positions !== prev.positions) {
      if (positions) for (const id of positions.keys()) out.add(id);
      if (prev.positions) for (const id of prev.positions.keys()) out.add(id);
    }
    if (selection !== prev.selection) {
      for (const id of selection) if (!prev.selection.has(id)) out.add(id);
      for (const id of prev.selection) if (!selection.has(id)) out.add(id);
    }
    for (const id of out) {
      if (!(id in model.nodes)) out.delete(id);
      // A node that lost its position goes back to the waiting grid: lay everything out again.
      else if (!positions?.has(id) && !model.layout?.[id]) return null;
    }
    return out;
  }

  private boxOf(model: Model, id: string, p: Point): Box {
    const size = nodeSize(model.nodes[id]!.kind);
    return { x: p.x, y: p.y, width: size.width, height: size.height };
  }

  private patchBoxes(
    model: Model,
    positions: ReadonlyMap<string, Point> | null | undefined,
    changed: Set<string>,
  ): Map<string, Box> {
    const prev = this.last!.boxes;
    if (changed.size === 0) return prev;
    const boxes = new Map(prev);
    for (const id of changed) {
      const p = positions?.get(id) ?? model.layout![id]!;
      const old = prev.get(id);
      if (!old || old.x !== p.x || old.y !== p.y) boxes.set(id, this.boxOf(model, id, p));
    }
    return boxes;
  }

  private allBoxes(model: Model, positions: ReadonlyMap<string, Point> | null | undefined): Map<string, Box> {
    const boxes = new Map<string, Box>();
    const layout = model.layout ?? {};
    const unplaced: string[] = [];
    let maxY = -Infinity;
    let minX = Infinity;
    for (const id in model.nodes) {
      const p = positions?.get(id) ?? layout[id];
      if (!p) {
        unplaced.push(id);
        continue;
      }
      const box = this.boxOf(model, id, p);
      boxes.set(id, box);
      maxY = Math.max(maxY, p.y + box.height);
      minX = Math.min(minX, p.x);
    }
    this.unplaced = unplaced.length > 0;
    // Nodes without a position wait in a grid below the drawing until a layout places them.
    if (unplaced.length) {
      const cols = Math.max(4, Math.ceil(Math.sqrt(unplaced.length)));
      const y0 = Number.isFinite(maxY) ? maxY + 80 : 0;
      const x0 = Number.isFinite(minX) ? minX : 0;
      unplaced.forEach((id, i) => {
        boxes.set(id, this.boxOf(model, id, { x: x0 + (i % cols) * 220, y: y0 + Math.floor(i / cols) * 110 }));
      });
    }
    return boxes;
  }

  private frameNodes(
    model: Model,
    frames: Map<string, Box>,
    selection: ReadonlySet<string>,
    dropTarget: string | undefined,
  ): FlowNode[] {
    const nodes: FlowNode[] = [];
    const nextFrames = new Map<string, FrameEntry>();
    for (const [cid, box] of frames) {
      const ctx: Context | undefined = model.contexts?.[cid];
      const id = frameId(cid);
      const selected = selection.has(id);
      const isTarget = dropTarget === cid;
      const prev = this.frameCache.get(cid);
      let entry: FrameEntry;
      if (
        prev &&
        prev.ctx === ctx &&
        sameBox(prev.box, box) &&
        prev.selected === selected &&
        prev.dropTarget === isTarget
      )
        entry = prev;
      else
        entry = {
          ctx,
          box,
          selected,
          dropTarget: isTarget,
          out: {
            id,
            type: 'frame',
            position: { x: box.x, y: box.y },
            width: box.width,
            height: box.height,
            measured: { width: box.width, height: box.height },
            zIndex: -1,
            selected,
            data: { contextId: cid, name: ctx?.name ?? cid, color: ctx?.color, dropTarget: isTarget },
            // Frames are selected by their title bar only, so a drag-select inside one is free. React Flow
            // gives a selectable node `pointer-events: all` inline (over the stylesheet): only `style` beats
            // it, and without it a selected frame (raised above its members) would take their clicks.
            dragHandle: '.frame-title',
            style: FRAME_STYLE,
            selectable: true,
            connectable: false,
          },
        };
      nextFrames.set(cid, entry);
      nodes.push(entry.out);
    }
    this.frameCache = nextFrames;
    return nodes;
  }

  /** The node's flow object: the cached one while its source, box and selection are the same. */
  private kindNode(id: string, n: ModelNode, box: Box, selected: boolean): KindFlowNode {
    const prev = this.nodeCache.get(id);
    if (prev && prev.src === n && prev.pos.x === box.x && prev.pos.y === box.y && prev.selected === selected)
      return prev.out;
    const sameData = prev && prev.src === n;
    const entry: NodeEntry = {
      src: n,
      pos: { x: box.x, y: box.y },
      selected,
      out: {
        id,
        type: 'kind',
        position: { x: box.x, y: box.y },
        width: box.width,
        height: box.height,
        measured: { width: box.width, height: box.height },
        handles: handlesOf(box.width, box.height),
        selected,
        data: sameData ? prev.out.data : nodeData(id, n),
      },
    };
    this.nodeCache.set(id, entry);
    return entry.out;
  }

  private allKindNodes(model: Model, boxes: Map<string, Box>, selection: ReadonlySet<string>) {
    const kindNodes: KindFlowNode[] = [];
    const index = new Map<string, number>();
    for (const id in model.nodes) {
      index.set(id, kindNodes.length);
      kindNodes.push(this.kindNode(id, model.nodes[id]!, boxes.get(id)!, selection.has(id)));
    }
    // Forget removed nodes.
    if (this.nodeCache.size > index.size)
      for (const id of this.nodeCache.keys()) if (!index.has(id)) this.nodeCache.delete(id);
    this.lastTouched = kindNodes.length;
    return { kindNodes, index };
  }

  private patchKindNodes(model: Model, boxes: Map<string, Box>, selection: ReadonlySet<string>, changed: Set<string>) {
    const { kindNodes: prev, index } = this.last!;
    let kindNodes = prev;
    for (const id of changed) {
      const i = index.get(id)!;
      const out = this.kindNode(id, model.nodes[id]!, boxes.get(id)!, selection.has(id));
      if (out === kindNodes[i]) continue;
      if (kindNodes === prev) kindNodes = prev.slice();
      kindNodes[i] = out;
    }
    this.lastTouched = changed.size;
    return { kindNodes, index };
  }

  private frames(model: Model, boxes: Map<string, Box>): Map<string, Box> {
    const acc = new Map<string, { x0: number; y0: number; x1: number; y1: number }>();
    for (const [id, n] of Object.entries(model.nodes)) {
      if (!n.context) continue;
      const b = boxes.get(id)!;
      const a = acc.get(n.context);
      if (!a) acc.set(n.context, { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height });
      else {
        a.x0 = Math.min(a.x0, b.x);
        a.y0 = Math.min(a.y0, b.y);
        a.x1 = Math.max(a.x1, b.x + b.width);
        a.y1 = Math.max(a.y1, b.y + b.height);
      }
    }
    const out = new Map<string, Box>();
    for (const [cid, a] of acc) {
      out.set(cid, {
        x: a.x0 - CONTEXT_PADDING,
        y: a.y0 - CONTEXT_PADDING - CONTEXT_TITLE_HEIGHT,
        width: a.x1 - a.x0 + 2 * CONTEXT_PADDING,
        height: a.y1 - a.y0 + 2 * CONTEXT_PADDING + CONTEXT_TITLE_HEIGHT,
      });
    }
    // Empty contexts: a waiting frame to the right of the drawing, ready to take nodes.
    let right = -Infinity;
    let top = Infinity;
    for (const b of boxes.values()) {
      right = Math.max(right, b.x + b.width);
      top = Math.min(top, b.y);
    }
    for (const b of out.values()) right = Math.max(right, b.x + b.width);
    let y = Number.isFinite(top) ? top : 0;
    const x = Number.isFinite(right) ? right + 120 : 0;
    for (const cid of Object.keys(model.contexts ?? {})) {
      if (out.has(cid)) continue;
      const p: LayoutPosition | undefined = model.layout?.[cid];
      const box =
        p && !(cid in model.nodes)
          ? { x: p.x, y: p.y, width: p.width ?? 280, height: p.height ?? 160 }
          : { x, y, width: 280, height: 160 };
      out.set(cid, box);
      if (box.x === x && box.y === y) y += 200;
    }
    return out;
  }

  /** The edge's flow object: the cached one while its link, mode, sides and selection are the same. */
  private edge(link: ResolvedLink, mode: LinkMode, a: Box, b: Box, selected: boolean): EdgeEntry {
    const prev = this.edgeCache.get(link.id);
    const [sourceHandle, targetHandle] = sides(a, b);
    // Positions matter only through the sides the edge leaves and enters by:
    // React Flow follows the nodes itself, so a drag rebuilds no edge objects.
    if (
      prev &&
      (prev.link === link || sameLink(prev.link, link)) &&
      prev.mode === mode &&
      prev.out.sourceHandle === sourceHandle &&
      prev.out.targetHandle === targetHandle &&
      prev.selected === selected
    )
      return prev;
    return {
      link,
      mode,
      selected,
      out: {
        id: link.id,
        type: 'link',
        source: link.from,
        target: link.to,
        sourceHandle,
        targetHandle,
        selected,
        className: `mode-${mode}`,
        data: { mode, label: edgeLabel(link) },
      },
    };
  }

  private edges(
    model: Model,
    boxes: Map<string, Box>,
    selection: ReadonlySet<string>,
    changed: Set<string> | null,
  ): LinkFlowEdge[] {
    const prevSelection = this.last?.selection;
    if (!this.linksOf || this.linksOf.links !== model.links || this.linksOf.nodes !== model.nodes) {
      const resolved = resolveLinks(model);
      const touching = new Map<string, number[]>();
      resolved.forEach((l, i) => {
        for (const end of l.from === l.to ? [l.from] : [l.from, l.to]) {
          const list = touching.get(end);
          if (list) list.push(i);
          else touching.set(end, [i]);
        }
      });
      this.linksOf = {
        links: model.links,
        nodes: model.nodes,
        resolved,
        modes: resolved.map((l) => linkMode(model, l)),
        touching,
      };
      changed = null;
    }
    const { resolved, modes, touching } = this.linksOf;
    if (changed && prevSelection && this.edgeIndex.size === this.lastEdges.length) {
      // Only the links touching a changed node, or whose selection changed, can differ.
      const candidates = new Set<number>();
      for (const id of changed) for (const i of touching.get(id) ?? []) candidates.add(i);
      if (selection !== prevSelection) {
        resolved.forEach((l, i) => {
          if (selection.has(l.id) !== prevSelection.has(l.id)) candidates.add(i);
        });
      }
      let out = this.lastEdges;
      for (const i of candidates) {
        const link = resolved[i]!;
        const prev = this.edgeCache.get(link.id);
        if (!prev) return this.allEdges(boxes, selection);
        const entry = this.edge(link, modes[i]!, boxes.get(link.from)!, boxes.get(link.to)!, selection.has(link.id));
        if (entry === prev) continue;
        const at = this.edgeIndex.get(link.id);
        if (at === undefined || out[at] !== prev.out) return this.allEdges(boxes, selection);
        if (out === this.lastEdges) out = out.slice();
        out[at] = entry.out;
        this.edgeCache.set(link.id, entry);
      }
      this.lastEdges = out;
      return out;
    }
    return this.allEdges(boxes, selection);
  }

  private allEdges(boxes: Map<string, Box>, selection: ReadonlySet<string>): LinkFlowEdge[] {
    const { resolved, modes } = this.linksOf!;
    const next = new Map<string, EdgeEntry>();
    const index = new Map<string, number>();
    const out: LinkFlowEdge[] = [];
    resolved.forEach((link, i) => {
      const a = boxes.get(link.from);
      const b = boxes.get(link.to);
      if (!a || !b) return;
      const entry = this.edge(link, modes[i]!, a, b, selection.has(link.id));
      next.set(link.id, entry);
      index.set(link.id, out.length);
      out.push(entry.out);
    });
    this.edgeCache = next;
    this.edgeIndex = index;
    // The same array when nothing changed: React Flow then skips rebuilding its connection lookup.
    const last = this.lastEdges;
    if (last.length === out.length && out.every((e, i) => e === last[i])) return last;
    this.lastEdges = out;
    return out;
  }
}

function sameBox(a: Box, b: Box): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/** Same link content (resolveLinks copies links, so identity does not tell). */
function sameLink(a: ResolvedLink, b: ResolvedLink): boolean {
  for (const k of Object.keys(a) as (keyof ResolvedLink)[]) if (a[k] !== b[k]) return false;
  return Object.keys(a).length === Object.keys(b).length;
}

const HANDLE_ON: Record<Side, string> = { north: 't', east: 'r', south: 'b', west: 'l' };
const LINK_HANDLES: [string, string] = [HANDLE_ON[LINK_SIDES.source], HANDLE_ON[LINK_SIDES.target]];

/** Ports on the sides links use: the sides of the layout and of the exported SVG (shared/diagram/ports.ts). */
function sides(_a: Box, _b: Box): [string, string] {
  return LINK_HANDLES;
}

function nodeData(id: string, n: ModelNode): KindNodeData {
  const look = KIND_LOOK[n.kind];
  return {
    kind: n.kind,
    name: n.name ?? id,
    subtitle:
      n.tech ??
      (n.kind === 'database' && n.engine ? n.engine : n.kind === 'client' && n.rps ? `${n.rps} rps` : look.label),
    replicas: n.replicas ?? 1,
    capacity: n.capacity?.rps,
  };
}

export function edgeLabel(link: ResolvedLink): string {
  const parts: string[] = [];
  if (link.protocol) parts.push(link.protocol);
  if (link.message) parts.push(link.message);
  if (link.calls !== undefined && link.calls !== 1) parts.push(`×${link.calls}`);
  return parts.join(' · ');
}
