/**
 * The palette: every node kind, dragged onto the canvas with the pointer
 * (pointer events rather than HTML drag and drop: it works with touch, pens
 * and synthetic mice alike). A click without a drag drops the kind in the
 * middle of the view.
 */
import { useCallback, useRef, useState } from 'react';
import type { NodeKind } from '../../../../shared/model/schema';
import { KindIcon } from '../KindIcon';
import { KIND_LOOK, PALETTE_KINDS } from '../kinds';

export interface PaletteProps {
  /** Called with the pointer's client coordinates when a kind is released over the canvas, or with null for a click. */
  onDrop: (kind: NodeKind, at: { clientX: number; clientY: number } | null) => void;
  /** True when the client point lies over the canvas pane. */
  isOverCanvas: (clientX: number, clientY: number) => boolean;
}

const GROUPS = ['Entry', 'Compute', 'Data', 'Messaging', 'Other'] as const;

export function Palette({ onDrop, isOverCanvas }: PaletteProps) {
  const [ghost, setGhost] = useState<{ kind: NodeKind; x: number; y: number; over: boolean } | null>(null);
  const drag = useRef<{ kind: NodeKind; x0: number; y0: number; moved: boolean } | null>(null);

  const onPointerDown = useCallback(
    (kind: NodeKind) => (e: React.PointerEvent) => {
      if (e.button !== 0) return;
      e.preventDefault();
      drag.current = { kind, x0: e.clientX, y0: e.clientY, moved: false };
      const move = (ev: PointerEvent) => {
        const d = drag.current;
        if (!d) return;
        if (!d.moved && Math.hypot(ev.clientX - d.x0, ev.clientY - d.y0) < 4) return;
        d.moved = true;
        setGhost({ kind: d.kind, x: ev.clientX, y: ev.clientY, over: isOverCanvas(ev.clientX, ev.clientY) });
      };
      const up = (ev: PointerEvent) => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
        window.removeEventListener('pointercancel', up);
        const d = drag.current;
        drag.current = null;
        setGhost(null);
        if (!d || ev.type === 'pointercancel') return;
        if (!d.moved) onDrop(d.kind, null);
        else if (isOverCanvas(ev.clientX, ev.clientY)) onDrop(d.kind, { clientX: ev.clientX, clientY: ev.clientY });
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
      window.addEventListener('pointercancel', up);
    },
    [onDrop, isOverCanvas],
  );

  return (
    <aside className="palette" aria-label="Node kinds">
      {GROUPS.map((g) => (
        <section key={g} className="palette-group">
          <h3 className="palette-heading">{g}</h3>
          {PALETTE_KINDS.filter((k) => KIND_LOOK[k].group === g).map((k) => (
            <button
              key={k}
              type="button"
              className="palette-item"
              data-testid={`palette-${k}`}
              style={{ '--kind': KIND_LOOK[k].color } as React.CSSProperties}
              onPointerDown={onPointerDown(k)}
              title={`Drag a ${KIND_LOOK[k].label.toLowerCase()} onto the canvas`}
            >
              <span className="palette-chip">
                <KindIcon kind={k} size={16} />
              </span>
              {KIND_LOOK[k].label}
            </button>
          ))}
        </section>
      ))}
      {ghost ? (
        <div
          className={`palette-ghost${ghost.over ? ' is-over' : ''}`}
          style={{ left: ghost.x, top: ghost.y, '--kind': KIND_LOOK[ghost.kind].color } as React.CSSProperties}
        >
          <span className="palette-chip">
            <KindIcon kind={ghost.kind} size={16} />
          </span>
          {KIND_LOOK[ghost.kind].label}
        </div>
      ) : null}
    </aside>
  );
}
