/** Messages between the layout client (UI thread) and the layout worker. Plain data, structured-clone safe. */
import type { Box, DiagramLayout, LayoutMode } from '../../shared/diagram/types';
import type { Model } from '../../shared/model';

export interface LayoutRequest {
  id: number;
  model: Model;
  mode: LayoutMode;
}

/**
 * Boxes as one transferable array (x, y, width, height per id): the UI thread
 * takes it over without copying, where cloning thousands of small objects
 * and route arrays cost it a long task. Routes are not sent: the canvas draws
 * its own edges between the sides the layout used (shared/diagram/ports.ts).
 */
export interface PackedBoxes {
  ids: string[];
  boxes: Float64Array;
}

export interface PackedLayout {
  nodes: PackedBoxes;
  contexts: PackedBoxes;
  width: number;
  height: number;
}

export type LayoutResponse = { id: number; layout: PackedLayout } | { id: number; error: string };

/** What the studio's layout gives back: every box, no routes. */
export type Placement = Omit<DiagramLayout, 'edges'>;

export function packBoxes(byId: Record<string, Box>): PackedBoxes {
  const ids = Object.keys(byId);
  const boxes = new Float64Array(ids.length * 4);
  ids.forEach((id, i) => {
    const b = byId[id]!;
    boxes.set([b.x, b.y, b.width, b.height], i * 4);
  });
  return { ids, boxes };
}

export function unpackBoxes({ ids, boxes }: PackedBoxes): Record<string, Box> {
  const out: Record<string, Box> = {};
  ids.forEach((id, i) => {
    out[id] = { x: boxes[i * 4]!, y: boxes[i * 4 + 1]!, width: boxes[i * 4 + 2]!, height: boxes[i * 4 + 3]! };
  });
  return out;
}

export function packLayout(layout: DiagramLayout): PackedLayout {
  return {
    nodes: packBoxes(layout.nodes),
    contexts: packBoxes(layout.contexts),
    width: layout.width,
    height: layout.height,
  };
}

export function unpackLayout(packed: PackedLayout): Placement {
  return {
    nodes: unpackBoxes(packed.nodes),
    contexts: unpackBoxes(packed.contexts),
    width: packed.width,
    height: packed.height,
  };
}

/** The buffers to transfer with a response. */
export const transferables = (packed: PackedLayout): ArrayBuffer[] => [
  packed.nodes.boxes.buffer as ArrayBuffer,
  packed.contexts.boxes.buffer as ArrayBuffer,
];
