/**
 * What the toolbar, the menus and the shortcuts can ask of the canvas. One
 * canvas is open at a time; it registers its React Flow instance and its
 * latest boxes here, and everything else goes through these functions.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { LayoutMode } from '../../../shared/diagram/types';
import type { NodeKind } from '../../../shared/model/schema';
import { nodeSize } from '../../../shared/diagram';
import { addNode, deleteElements, moveNodes, uniqueId } from '../state/commands';
import { copyFragment, pasteRecipe } from '../state/clipboard';
import { studio } from '../state/store';
import { align, distribute, type Alignment } from './arrange';
import { isFrameId, type Box, type FlowNode, type LinkFlowEdge } from './derive';
import { runLayout, type LayoutOutcome } from './layout-actions';

interface Registered {
  rf: ReactFlowInstance<FlowNode, LinkFlowEdge>;
}

let current: Registered | null = null;
/** The latest derived geometry (absolute boxes of nodes and of context frames). */
let geometry: { boxes: Map<string, Box>; frames: Map<string, Box> } = { boxes: new Map(), frames: new Map() };
const layoutListeners = new Set<(busy: boolean) => void>();

export const canvas = {
  register(r: Registered | null) {
    current = r;
  },
  update(boxes: Map<string, Box>, frames: Map<string, Box>) {
    geometry = { boxes, frames };
  },
  get ready(): boolean {
    return current !== null;
  },
  boxes(): Map<string, Box> {
    return geometry.boxes;
  },

  fit(ids?: string[]) {
    void current?.rf.fitView({ padding: 0.15, duration: 300, maxZoom: 1.25, nodes: ids?.map((id) => ({ id })) });
  },
  /** The part of the drawing in view, in flow coordinates. */
  visibleArea(): Box | undefined {
    const el = document.querySelector('.canvas-flow');
    if (!current || !el) return undefined;
    const r = el.getBoundingClientRect();
    const a = current.rf.screenToFlowPosition({ x: r.left, y: r.top }, { snapToGrid: false });
    const b = current.rf.screenToFlowPosition({ x: r.right, y: r.bottom }, { snapToGrid: false });
    return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
  },
  zoomIn() {
    void current?.rf.zoomIn({ duration: 150 });
  },
  zoomOut() {
    void current?.rf.zoomOut({ duration: 150 });
  },

  /** The context frame holding a flow point, if any (innermost = smallest). */
  frameAt(p: { x: number; y: number }, frames = geometry.frames): string | undefined {
    let best: { id: string; area: number } | undefined;
    for (const [id, b] of frames) {
      if (p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height) {
        const area = b.width * b.height;
        if (!best || area < best.area) best = { id, area };
      }
    }
    return best?.id;
  },

  /** Creates a node of `kind` centred on a screen point (or in the middle of the view). */
  dropKind(kind: NodeKind, at: { clientX: number; clientY: number } | null): string | undefined {
    if (!current || !studio.getState().model) return undefined;
    const size = nodeSize(kind);
    let center: { x: number; y: number };
    if (at) center = current.rf.screenToFlowPosition({ x: at.clientX, y: at.clientY });
    else {
      const el = document.querySelector('.canvas-flow')?.getBoundingClientRect();
      center = current.rf.screenToFlowPosition({
        x: el ? el.left + el.width / 2 : innerWidth / 2,
        y: el ? el.top + el.height / 2 : innerHeight / 2,
      });
      // Successive clicks fan out instead of stacking.
      while (
        [...geometry.boxes.values()].some(
          (b) => Math.abs(b.x + b.width / 2 - center.x) < 24 && Math.abs(b.y + b.height / 2 - center.y) < 24,
        )
      )
        center = { x: center.x + 32, y: center.y + 32 };
    }
    const model = studio.model;
    const id = uniqueId(kind, (x) => x in model.nodes);
    const context = this.frameAt(center);
    studio.edit(addNode(id, kind, { x: center.x - size.width / 2, y: center.y - size.height / 2 }, context), {
      label: `Add ${kind}`,
    });
    studio.select([id]);
    return id;
  },

  deleteSelection() {
    const sel = studio.getState().selection;
    if (sel.size) studio.edit(deleteElements(sel), { label: 'Delete' });
  },
  copy() {
    return copyFragment(studio.model, studio.getState().selection) !== null;
  },
  cut() {
    if (this.copy()) this.deleteSelection();
  },
  paste() {
    const p = pasteRecipe(studio.model);
    if (!p) return;
    studio.edit(p.recipe, { label: 'Paste' });
    studio.select(p.ids);
  },
  selectAll() {
    studio.select(Object.keys(studio.model.nodes));
  },

  selectedBoxes(): Map<string, Box> {
    const out = new Map<string, Box>();
    for (const id of studio.getState().selection) {
      const b = geometry.boxes.get(id);
      if (b && !isFrameId(id)) out.set(id, b);
    }
    return out;
  },
  align(how: Alignment) {
    const pos = align(this.selectedBoxes(), how);
    if (Object.keys(pos).length) studio.edit(moveNodes(pos), { label: `Align ${how}` });
  },
  distribute(axis: 'horizontal' | 'vertical') {
    const pos = distribute(this.selectedBoxes(), axis);
    if (Object.keys(pos).length) studio.edit(moveNodes(pos), { label: `Distribute ${axis}ly` });
  },

  async layout(
    mode: LayoutMode,
    options: { record?: boolean; fit?: boolean } = {},
  ): Promise<LayoutOutcome | undefined> {
    if (!current) return undefined;
    for (const l of layoutListeners) l(true);
    try {
      const out = await runLayout(mode, geometry.boxes, { ...options, view: this.visibleArea() });
      if (options.fit !== false && mode.kind === 'all') this.fit();
      return out;
    } finally {
      for (const l of layoutListeners) l(false);
    }
  },
  onLayoutBusy(cb: (busy: boolean) => void) {
    layoutListeners.add(cb);
    return () => {
      layoutListeners.delete(cb);
    };
  },
  layoutSelectionOrAll() {
    const ids = [...studio.getState().selection].filter((id) => id in studio.model.nodes);
    return this.layout(ids.length > 1 ? { kind: 'selection', ids } : { kind: 'all' });
  },
};
