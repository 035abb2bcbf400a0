/**
 * The canvas: React Flow over nodes and edges derived from the model. It
 * holds no copy of the model; every change goes to the studio store as a
 * command and comes back as a new derivation.
 */
import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  MiniMap,
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
import { connect, moveNodes, setContext } from '../state/commands';
import { useStudio } from '../state/hooks';
import { studio } from '../state/store';
import { positionOverride } from './animation';
import { canvas, largeModelViewport } from './controller';
import { FlowDeriver, isFrameId, type Box, type FlowNode, type LinkFlowEdge } from './derive';
import { EdgeMarkers, edgeTypes } from './edges/LinkEdge';
import { nodeTypes } from './nodes';
import { KindIcon } from './KindIcon';
import { KIND_LOOK } from './kinds';
import type { KindFlowNode } from './derive';
import { CanvasLayers } from '../notes/CanvasLayers';

export interface CanvasProps {
  defaultViewport: Viewport | undefined;
  onViewportChange: (v: Viewport) => void;
}

let dragSeq = 0;

const minimapColor = (n: FlowNode) =>
  n.type === 'kind' ? KIND_LOOK[(n as KindFlowNode).data.kind].color : 'transparent';

export function Canvas({ defaultViewport, onViewportChange }: CanvasProps) {
  const model = useStudio((s) => s.model);
  const selection = useStudio((s) => s.selection);
  const override = useSyncExternalStore(positionOverride.subscribe, positionOverride.get);
  const rf = useReactFlow<FlowNode, LinkFlowEdge>();
  const deriver = useRef(new FlowDeriver());
  const [frozenFrames, setFrozenFrames] = useState<Map<string, Box> | undefined>();
  const [dropTarget, setDropTarget] = useState<string | undefined>();
  const lowDetail = useStore((s) => s.transform[2] < 0.45);

  const derived = useMemo(() => {
    if (!model) return null;
    let m = model;
    if (override && override.size) {
      const layout = { ...model.layout };
      for (const [id, p] of override) if (layout[id]) layout[id] = { ...layout[id]!, x: p.x, y: p.y };
      m = { ...model, layout };
    }
    return deriver.current.derive({ model: m, selection, frozenFrames, dropTarget });
  }, [model, selection, frozenFrames, dropTarget, override]);

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

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const positions: Record<string, { x: number; y: number }> = {};
    let selectionChanged = false;
    const sel = new Set(studio.getState().selection);
    const movedNodes = new Set<string>();
    for (const c of changes) if (c.type === 'position' && c.position && !isFrameId(c.id)) movedNodes.add(c.id);
    for (const c of changes) {
      if (c.type === 'position' && c.position) {
        if (!isFrameId(c.id)) positions[c.id] = c.position;
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
            if (b) positions[id] = { x: b.x + dx, y: b.y + dy };
          }
        }
      } else if (c.type === 'select') {
        selectionChanged = true;
        if (c.selected) sel.add(c.id);
        else sel.delete(c.id);
      }
    }
    if (Object.keys(positions).length) studio.edit(moveNodes(positions), { label: 'Move', coalesce: dragKey.current });
    if (selectionChanged) studio.select(sel);
  }, []);

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

  const onNodeDragStop: OnNodeDrag<FlowNode> = useCallback((_e, _node, nodes) => {
    const frames = dragFrames.current;
    if (frames) {
      // Dropping a node into a frame puts it in that context; out of every frame takes it out.
      const byContext = new Map<string | undefined, string[]>();
      const boxes = canvas.boxes();
      for (const n of nodes) {
        if (n.type !== 'kind') continue;
        const b = boxes.get(n.id);
        if (!b) continue;
        const ctx = canvas.frameAt({ x: b.x + b.width / 2, y: b.y + b.height / 2 }, frames);
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
  }, []);

  const onMoveEnd = useCallback((_e: unknown, v: Viewport) => onViewportChange(v), [onViewportChange]);

  const onPaneClick = useCallback(() => studio.select([]), []);

  // Large drawings open at a readable zoom on their top-left corner instead of fitting thousands of nodes into view.
  const initialViewport = useRef<Viewport | undefined | null>(null);
  if (initialViewport.current === null && derived)
    initialViewport.current = defaultViewport ?? largeModelViewport(derived.boxes);

  if (!derived) return null;
  const empty = derived.nodes.length === 0;
  return (
    <div className={`canvas-flow${lowDetail ? ' lod-low' : ''}`} data-testid="canvas">
      <EdgeMarkers />
      <ReactFlow<FlowNode, LinkFlowEdge>
        nodes={derived.nodes}
        edges={derived.edges}
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
        defaultViewport={initialViewport.current ?? undefined}
        fitView={!initialViewport.current}
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
        {empty ? null : (
          <MiniMap
            pannable
            zoomable
            nodeColor={minimapColor}
            nodeStrokeWidth={0}
            maskColor="var(--minimap-mask)"
            style={{ width: 168, height: 112 }}
            className="minimap"
          />
        )}
        <CanvasLayers />
      </ReactFlow>
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
