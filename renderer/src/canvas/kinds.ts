/** How each node kind looks on the canvas (label, tint, 24x24 stroke icon) and in which palette group. */
import { KIND_STYLE, type KindStyle } from '../../../shared/diagram/icons';
import { NODE_KINDS, type NodeKind } from '../../../shared/model/schema';

/** One visual language for kinds: the canvas uses the same styles as the SVG export. */
export type KindLook = KindStyle;
export const KIND_LOOK: Readonly<Record<NodeKind, KindLook>> = KIND_STYLE;

export const PALETTE_KINDS: readonly NodeKind[] = [
  'client',
  'cdn',
  'loadbalancer',
  'gateway',
  'service',
  'worker',
  'function',
  'database',
  'cache',
  'storage',
  'queue',
  'topic',
  'external',
];

// Every kind must be in the palette.
if (PALETTE_KINDS.length !== NODE_KINDS.length) throw new Error('palette is missing a node kind');
