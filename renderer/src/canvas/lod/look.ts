/**
 * How a node looks on the zoomed-out canvas: the DOM node's language (white
 * card, kind chip, heat bar along the foot, findings badge, red outline over
 * capacity, what-if grey) reduced to fills and strokes that still read at a
 * few pixels. Colours are plain #rrggbb, computed once.
 */
import type { NodeKind } from '../../../../shared/model/schema';
import type { NodeView } from '../../analysis/analysis-store';
import { HEAT_COLOR, HEAT_TRACK } from '../../analysis/heat';
import { KIND_LOOK } from '../kinds';
import { tint } from './geometry';

export const LOD_COLORS = {
  panel: '#ffffff',
  canvas: '#fafafa',
  text: '#17171c',
  accent: '#3461e6',
  accentSoft: '#d6dffa',
  edge: '#6b6b78',
  edgeSelected: '#3461e6',
  affected: '#d92d20',
  critical: '#d92d20',
  warning: '#d98a04',
  info: '#8c95a8',
  overBorder: '#ec8f87',
  hotBorder: '#f2b27f',
  down: '#e4e4ea',
  downBorder: '#b4b4be',
  failed: '#fdf0ef',
} as const;

const kindBorder = new Map<NodeKind, string>();
/** The card's border: the kind colour at 45% on white (as `.lod-low .kn` had it). */
export function kindBorderColor(kind: NodeKind): string {
  let c = kindBorder.get(kind);
  if (!c) kindBorder.set(kind, (c = tint(KIND_LOOK[kind].color, 0.45)));
  return c;
}

export interface NodeLook {
  fill: string;
  border: string;
  /** Border width in screen pixels. */
  borderPx: number;
  /** A halo around a selected node. */
  halo: string | null;
  chip: string;
  /** The heat bar: track and fill colours, and how much of it is filled (0..1). */
  bar: { track: string; fill: string; u: number } | null;
  badge: string | null;
  /** The bottleneck's dashed ring. */
  ring: boolean;
}

/** Below this zoom a node is a few pixels tall: its card is filled with its heat, details would be noise. */
export const OVERVIEW_ZOOM = 0.16;

const heatFill = new Map<string, string>();
function overviewFill(heat: NodeView['heat']): string {
  let c = heatFill.get(heat);
  if (!c) heatFill.set(heat, (c = tint(HEAT_COLOR[heat], heat === 'over' ? 0.8 : 0.55)));
  return c;
}

export function nodeLook(kind: NodeKind, v: NodeView, selected: boolean, overview = false): NodeLook {
  const look: NodeLook = {
    fill: LOD_COLORS.panel,
    border: kindBorderColor(kind),
    borderPx: 1,
    halo: null,
    chip: KIND_LOOK[kind].color,
    bar: null,
    badge: null,
    ring: false,
  };
  if (v.heat !== 'none') {
    // Zoomed out, a hot node tints its whole card: the heat reads at a glance across hundreds.
    if (v.heat === 'over' || v.heat === 'hot') look.fill = HEAT_TRACK[v.heat];
    look.bar = { track: HEAT_TRACK[v.heat], fill: HEAT_COLOR[v.heat], u: Math.max(0, Math.min(1, v.utilization ?? 0)) };
    if (v.heat === 'over') look.border = LOD_COLORS.overBorder;
    else if (v.heat === 'hot') look.border = LOD_COLORS.hotBorder;
  }
  if (overview) {
    // A heat map: the card in its heat colour, the kind chip beside it; only critical findings keep a dot.
    look.bar = null;
    if (v.heat !== 'none') look.fill = overviewFill(v.heat);
    else look.fill = tint(KIND_LOOK[kind].color, 0.18);
    if (v.heat !== 'none') look.border = look.fill;
  }
  if (v.findings && v.worst && (!overview || v.worst === 'critical')) look.badge = LOD_COLORS[v.worst];
  if (v.whatIf === 'down') {
    look.fill = LOD_COLORS.down;
    look.border = LOD_COLORS.downBorder;
    look.chip = tint(KIND_LOOK[kind].color, 0.35, LOD_COLORS.down);
  } else if (v.whatIf === 'failed') {
    look.fill = LOD_COLORS.failed;
    look.border = LOD_COLORS.critical;
    look.borderPx = 1.5;
  }
  look.ring = v.bottleneck && v.heat === 'over';
  if (selected) {
    look.border = LOD_COLORS.accent;
    look.borderPx = 2;
    look.halo = LOD_COLORS.accentSoft;
  }
  return look;
}
