import type { NodeTypes } from '@xyflow/react';
import { FrameNode } from './FrameNode';
import { KindNode } from './KindNode';

/** Defined once at module scope: a new object per render would remount every node. */
export const nodeTypes: NodeTypes = { kind: KindNode, frame: FrameNode };
