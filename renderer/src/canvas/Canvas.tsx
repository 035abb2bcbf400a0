/**
 * The canvas: React Flow over nodes and edges derived from the model. It
 * holds no copy of the model; every change goes to the studio store as a
 * command and comes back as a new derivation.
 */
import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  ReactFlow,
  SelectionMode,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnNodeDrag,
  type Viewport,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { nodeSize } from '../../../shared/diagram';
import { connect, moveNodes, setContext } from '../state/commands';
import { useStudio } from '../state/hooks';
import { studio } from '../state/store';
import { positionOverride } from './animation';
import { canvas } from './controller';
import { FlowDeriver, isFrameId, type Box, type FlowNode, type LinkFlowEdge, type Point } from './derive';
import { EdgeMarkers, edgeTypes } from './edges/LinkEdge';
import { nodeTypes } from './nodes';
import { KindIcon } from './KindIcon';
import { KIND_LOOK } from './kinds';
import { CanvasLayers } from '../notes/CanvasLayers';
import { isLowDetail, px } from './lod/geometry';
import { linkAt } from './lod/hit';
import { LowDetail } from './lod/context';
import { LodLayer } from './lod/LodLayer';
import { MiniMap } from './lod/MiniMap';
import type { LodScene } from './lod/painter';
import './canvas.css';

export interface CanvasProps {
  defaultViewport: Viewport | undefined;
  onViewportChange: (v: Viewport) => void;
}

let dragSeq = 0;

/** Zoomed out, React Flow draws no links: the LOD canvas does (thousands of SVG paths cost Chromium more than a frame). */
const NO_EDGES: LinkFlowEdge[] = [];

/** How near a link (screen pixels) a click at low detail selects it. */
const LINK_HIT_PX = 5;

type Positions = ReadonlyMap<string, Point>;

/** A drag's positions over the layout tween's (they are never both under way, but the drag wins). */
function mergePositions(a: Positions | null, b: Positions | null): Positions | null {
  if (!a?.size) return b?.size ? b : null;
  if (!b?.size) return a;
  return new Map([...a, ...b]);
}

export function Canvas({ defaultViewport, onViewportChange }: CanvasProps) {
  const model = useStudio((s) => s.model);
  const selection = useStudio((s) => s.selection);
  const override = useSyncExternalStore(positionOverride.subscribe, positionOverride.get);
  const rf = useReactFlow<FlowNode, LinkFlowEdge>();
  const deriver = useRef(new FlowDeriver());
  const [frozenFrames, setFrozenFrames] = useState<Map<string, Box> | undefined>();
  const [dropTarget, setDropTarget] = useState<string | undefined>();
  /**
   * Where the nodes of a drag under way are. The model takes them once, when
   * the drag ends: a drag frame then costs a derivation of the moved nodes,
   * not an edit (immer, undo patches) that every follower of the model
   * (inspector, code view, autosave, analysis) would react to 60 times a second.
   */
  const [dragPositions, setDragPositions] = useState<Positions | null>(null);
  const dragRef = useRef<Map<string, Point> | null>(null);
  const nodes = model?.nodes;
  const nodeCount = useMemo(() => (nodes ? Object.keys(nodes).length : 0), [nodes]);
  /** Zoomed out: small models keep their DOM nodes in a simpler style (.lod-low), large ones go to the LOD canvas. */
  const zoomedOut = useStore((s) => isLowDetail(s.transform[2]));
  const lowDetail = zoomedOut && isLowDetail(0, nodeCount);

  const positions = useMemo(() => mergePositions(override, dragPositions), [override, dragPositions]);
  const derived = useMemo(
    () => (model ? deriver.current.derive({ model, selection, frozenFrames, dropTarget, positions }) : null),
    [model, selection, frozenFrames, dropTarget, positions],
  );
  const dragged = useMemo(() => new Set(dragPositions?.keys() ?? []), [dragPositions]);
  const scene: LodScene | null = useMemo(
    () => (derived ? { nodes: derived.nodes, edges: derived.edges, boxes: derived.boxes } : null),
    [derived],
  );

  useEffect(() => {
    canvas.register({ rf });
    return () => canvas.register(null);
  }, [rf]);
  useEffect(() => {
    if (derived) canvas.update(derived.boxes, derived.frames);
  }, [derived]);

  const dragKey = useRef('drag:0');
  const derivedFrames = useRef<Map<string, Box> | null>(null);
  const dragFrames = useRef<Map<string, Box> | null>(null);

  /** Puts the positions of a drag into the model (one undo step per drag). */
  const commitDrag = useCallback((ids?: Iterable<string>) => {
    const pending = dragRef.current;
    if (!pending?.size) return;
    const take = ids ? [...ids].filter((id) => pending.has(id)) : [...pending.keys()];
    if (!take.length) return;
    const next = new Map(pending);
    const out: Record<string, Point> = {};
    for (const id of take) {
      out[id] = pending.get(id)!;
      next.delete(id);
    }
    studio.edit(moveNodes(out), { label: 'Move', coalesce: dragKey.current });
    dragRef.current = next.size ? next : null;
    setDragPositions(dragRef.current);
  }, []);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const moved = new Map<string, Point>();
      let dragging = false;
      let selectionChanged = false;
      const sel = new Set(studio.getState().selection);
      const movedNodes = new Set<string>();
      for (const c of changes) if (c.type === 'position' && c.position && !isFrameId(c.id)) movedNodes.add(c.id);
      for (const c of changes) {
        if (c.type === 'position' && c.position) {
          dragging ||= !!c.dragging;
          if (!isFrameId(c.id)) moved.set(c.id, c.position);
          else {
            // Moving a frame moves its members (those not already moving on their own).
            const cid = c.id.slice(4);
            const box = canvas.boxes();
            const frame = derivedFrames.current?.get(cid);
            if (!frame) continue;
            const dx = c.position.x - frame.x;
            const dy = c.position.y - frame.y;
            for (const [id, n] of Object.entries(studio.model.nodes)) {
              if (n.context !== cid || movedNodes.has(id)) continue;
              const b = box.get(id);
              if (b) moved.set(id, { x: b.x + dx, y: b.y + dy });
            }
          }
        } else if (c.type === 'select') {
          selectionChanged = true;
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
        }
      }
      if (moved.size) {
        const next = new Map(dragRef.current ?? []);
        for (const [id, p] of moved) next.set(id, p);
        dragRef.current = next;
        // The last change of a drag (or a move by the arrow keys) goes to the model.
        if (dragging) setDragPositions(next);
        else commitDrag(moved.keys());
      }
      if (selectionChanged) studio.select(sel);
    },
    [commitDrag],
  );

  useEffect(() => {
    derivedFrames.current = derived?.frames ?? null;
  }, [derived]);

  const onEdgesChange = useCallback((changes: EdgeChange<LinkFlowEdge>[]) => {
    const sel = new Set(studio.getState().selection);
    let changed = false;
    for (const c of changes) {
      if (c.type === 'select') {
        changed = true;
        if (c.selected) sel.add(c.id);
        else sel.delete(c.id);
      }
    }
    if (changed) studio.select(sel);
  }, []);

  const onConnect = useCallback((c: Connection) => {
    if (c.source && c.target && c.source !== c.target) studio.edit(connect(c.source, c.target), { label: 'Connect' });
  }, []);

  const onNodeDragStart: OnNodeDrag<FlowNode> = useCallback((_e, _node, nodes) => {
    dragKey.current = `drag:${++dragSeq}`;
    studio.beginGesture();
    // Frames hold still while their members are dragged, so a node can leave one.
    if (!nodes.some((n) => n.type === 'frame') && derivedFrames.current) {
      dragFrames.current = derivedFrames.current;
      setFrozenFrames(derivedFrames.current);
    }
  }, []);

  const onNodeDrag: OnNodeDrag<FlowNode> = useCallback((_e, node) => {
    if (node.type !== 'kind') return;
    const w = node.width ?? 0;
    const h = node.height ?? 0;
    const over = canvas.frameAt(
      { x: node.position.x + w / 2, y: node.position.y + h / 2 },
      dragFrames.current ?? undefined,
    );
    setDropTarget((cur) => (cur === over ? cur : over));
  }, []);

  const onNodeDragStop: OnNodeDrag<FlowNode> = useCallback(
    (_e, _node, nodes) => {
      commitDrag();
      const frames = dragFrames.current;
      if (frames) {
        // Dropping a node into a frame puts it in that context; out of every frame takes it out.
        const byContext = new Map<string | undefined, string[]>();
        for (const n of nodes) {
          if (n.type !== 'kind') continue;
          const size = nodeSize(n.data.kind);
          const ctx = canvas.frameAt({ x: n.position.x + size.width / 2, y: n.position.y + size.height / 2 }, frames);
          if ((studio.model.nodes[n.id]?.context ?? undefined) === ctx) continue;
          byContext.set(ctx, [...(byContext.get(ctx) ?? []), n.id]);
        }
        for (const [ctx, ids] of byContext)
          studio.edit(setContext(ids, ctx), { label: 'Move', coalesce: dragKey.current });
      }
      studio.endGesture();
      dragFrames.current = null;
      setFrozenFrames(undefined);
      setDropTarget(undefined);
    },
    [commitDrag],
  );

  const onMoveEnd = useCallback((_e: unknown, v: Viewport) => onViewportChange(v), [onViewportChange]);

  const edgesRef = useRef<readonly LinkFlowEdge[]>(NO_EDGES);
  const boxesRef = useRef<ReadonlyMap<string, Box>>(new Map());
  useEffect(() => {
    edgesRef.current = lowDetail && derived ? derived.edges : NO_EDGES;
    boxesRef.current = derived?.boxes ?? new Map();
  }, [derived, lowDetail]);

  /** Zoomed out React Flow has no link elements: a click on the pane picks the link the LOD canvas drew there. */
  const onPaneClick = useCallback(
    (e: React.MouseEvent) => {
      const edges = edgesRef.current;
      const hit = edges.length
        ? linkAt(
            edges,
            boxesRef.current,
            rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }, { snapToGrid: false }),
            px(LINK_HIT_PX, rf.getZoom()),
          )
        : undefined;
      if (!hit) studio.select([]);
      else if (e.shiftKey || e.metaKey || e.ctrlKey) studio.select(new Set([...studio.getState().selection, hit]));
      else studio.select([hit]);
    },
    [rf],
  );

  // A saved viewport is restored; without one the model opens fitted to its content (at any size: zoomed out, the LOD canvas draws it).
  const [initialViewport] = useState(defaultViewport);

  if (!derived || !scene) return null;
  const empty = derived.nodes.length === 0;
  return (
    <div
      className={`canvas-flow${zoomedOut ? ' lod-low' : ''}`}
      data-testid="canvas"
      data-lod={lowDetail ? 'canvas' : 'dom'}
    >
      <EdgeMarkers />
      <LowDetail.Provider value={lowDetail}>
        <ReactFlow<FlowNode, LinkFlowEdge>
          nodes={derived.nodes}
          edges={lowDetail ? NO_EDGES : derived.edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onNodeDragStart={onNodeDragStart}
          onNodeDrag={onNodeDrag}
          onNodeDragStop={onNodeDragStop}
          onMoveEnd={onMoveEnd}
          onPaneClick={onPaneClick}
          defaultViewport={initialViewport}
          fitView={!initialViewport}
          fitViewOptions={{ padding: 0.15, maxZoom: 1.1 }}
          onlyRenderVisibleElements
          connectionMode={ConnectionMode.Loose}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
          selectionOnDrag
          selectionMode={SelectionMode.Partial}
          panOnDrag={[1, 2]}
          panOnScroll
          zoomOnPinch
          minZoom={0.05}
          maxZoom={2.5}
          elevateEdgesOnSelect
          proOptions={{ hideAttribution: true }}
          connectionRadius={28}
        >
          <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} color="var(--dots)" />
          <LodLayer scene={scene} active={lowDetail} live={dragged} />
          {empty ? null : <MiniMap scene={scene} />}
          <CanvasLayers />
        </ReactFlow>
      </LowDetail.Provider>
      {empty ? (
        <div className="canvas-empty">
          <div className="canvas-empty-chips" aria-hidden="true">
            {(['client', 'service', 'database'] as const).map((k) => (
              <span key={k} className="kn-chip" style={{ '--kind': KIND_LOOK[k].color } as React.CSSProperties}>
                <KindIcon kind={k} size={18} />
              </span>
            ))}
          </div>
          <div className="canvas-empty-title">An empty canvas</div>
          <div className="canvas-empty-text">Drag a client, a service or a database from the palette to begin.</div>
        </div>
      ) : null}
    </div>
  );
}
