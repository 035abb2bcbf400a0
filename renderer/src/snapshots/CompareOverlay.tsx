/** Highlights of a comparison on the canvas: added nodes green, changed amber, removed as ghost outlines. */
import { ViewportPortal } from '@xyflow/react';
import { useSyncExternalStore } from 'react';
import { nodeSize } from '../../../shared/diagram';
import { canvas } from '../canvas/controller';
import { useStudio } from '../state/hooks';
import { compareHighlight } from './panel-state';

export function CompareOverlay() {
  const h = useSyncExternalStore(compareHighlight.subscribe, compareHighlight.get);
  const model = useStudio((s) => s.model);
  if (!h || !model) return null;
  const ring = (id: string, cls: string) => {
    const n = model.nodes[id];
    // Nodes without a stored position (added in the code view) sit where the canvas placed them.
    const p = model.layout?.[id] ?? canvas.boxes().get(id);
    if (!n || !p) return null;
    const s = nodeSize(n.kind);
    return (
      <div
        key={`${cls}:${id}`}
        className={`compare-ring ${cls}`}
        style={{ transform: `translate(${p.x - 6}px, ${p.y - 6}px)`, width: s.width + 12, height: s.height + 12 }}
        data-testid={`compare-${cls}`}
        data-node={id}
      >
        <span className="compare-tag">{cls === 'is-added' ? 'added' : 'changed'}</span>
      </div>
    );
  };
  return (
    <ViewportPortal>
      {h.added.map((id) => ring(id, 'is-added'))}
      {h.changed.map((id) => ring(id, 'is-changed'))}
      {h.removed.map((g) => (
        <div
          key={`ghost:${g.id}`}
          className="compare-ring is-removed"
          style={{ transform: `translate(${g.x}px, ${g.y}px)`, width: g.width, height: g.height }}
          data-testid="compare-is-removed"
          data-node={g.id}
        >
          <span className="compare-ghost-name">{g.name}</span>
          <span className="compare-tag">removed</span>
        </div>
      ))}
    </ViewportPortal>
  );
}
