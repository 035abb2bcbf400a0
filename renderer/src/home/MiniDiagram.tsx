/**
 * A miniature diagram (Home's template previews): nodes tinted by kind,
 * contexts as frames, links as elbows from east to west as on the canvas.
 * Plain React SVG: every text is escaped by React, no markup is injected,
 * colours are set through currentColor (CSP: no inline scripts needed).
 */
import { LINK_SIDES, type Side } from '../../../shared/diagram/ports';
import type { Box } from '../../../shared/diagram/types';
import { resolveLinks } from '../../../shared/model/defaults';
import type { Model } from '../../../shared/model/types';
import type { Placement } from '../../layout/protocol';
import { KIND_LOOK } from '../canvas/kinds';

const PAD = 16;

/** Where a link leaves or enters a box: the middle of the side links use there. */
function sidePoint(b: Box, side: Side): { x: number; y: number } {
  if (side === 'east') return { x: b.x + b.width, y: b.y + b.height / 2 };
  if (side === 'west') return { x: b.x, y: b.y + b.height / 2 };
  return { x: b.x + b.width / 2, y: side === 'north' ? b.y : b.y + b.height };
}

/** An orthogonal route, the way the canvas draws one (forward: one vertical run; backward: around). */
function elbow(a: { x: number; y: number }, b: { x: number; y: number }): string {
  if (b.x - a.x >= 24) {
    const mid = Math.round((a.x + b.x) / 2);
    return `M${a.x} ${a.y}H${mid}V${b.y}H${b.x}`;
  }
  const below = Math.max(a.y, b.y) + 48;
  return `M${a.x} ${a.y}h16V${below}H${b.x - 16}V${b.y}H${b.x}`;
}

export function MiniDiagram({ model, layout, title }: { model: Model; layout: Placement; title: string }) {
  const boxes = Object.values(layout.nodes).concat(Object.values(layout.contexts));
  if (boxes.length === 0) return null;
  const x0 = Math.min(...boxes.map((b) => b.x)) - PAD;
  const y0 = Math.min(...boxes.map((b) => b.y)) - PAD;
  const x1 = Math.max(...boxes.map((b) => b.x + b.width)) + PAD;
  // Room below for links that run back around.
  const y1 = Math.max(...boxes.map((b) => b.y + b.height)) + PAD + 48;
  return (
    <svg
      className="mini-diagram"
      viewBox={`${x0} ${y0} ${x1 - x0} ${y1 - y0}`}
      preserveAspectRatio="xMidYMid meet"
      role="img"
      aria-label={title}
    >
      <title>{title}</title>
      {Object.entries(layout.contexts).map(([cid, b]) => {
        const ctx = model.contexts?.[cid];
        return (
          <g key={`c/${cid}`} className="mini-context" style={ctx?.color ? { color: ctx.color } : undefined}>
            <title>{ctx?.name ?? cid}</title>
            <rect x={b.x} y={b.y} width={b.width} height={b.height} rx={14} />
          </g>
        );
      })}
      {resolveLinks(model).map((l) => {
        const a = layout.nodes[l.from];
        const b = layout.nodes[l.to];
        if (!a || !b || l.from === l.to) return null;
        return (
          <path
            key={`e/${l.id}`}
            className="mini-link"
            d={elbow(sidePoint(a, LINK_SIDES.source), sidePoint(b, LINK_SIDES.target))}
          />
        );
      })}
      {Object.entries(layout.nodes).map(([nid, b]) => {
        const n = model.nodes[nid];
        if (!n) return null;
        const look = KIND_LOOK[n.kind];
        return (
          <g key={`n/${nid}`} className="mini-node" style={{ color: look.color }}>
            <title>{`${n.name ?? nid} · ${look.label}`}</title>
            <rect x={b.x} y={b.y} width={b.width} height={b.height} rx={10} />
            <rect className="mini-node-bar" x={b.x} y={b.y} width={14} height={b.height} rx={7} />
          </g>
        );
      })}
    </svg>
  );
}
