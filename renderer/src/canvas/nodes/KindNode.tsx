import { Handle, Position } from '@xyflow/react';
import { memo, useContext } from 'react';
import { NodeDecor } from '../../analysis/NodeDecor';
import type { KindNodeProps } from '../derive';
import { KindIcon } from '../KindIcon';
import { KIND_LOOK } from '../kinds';
import { LowDetail } from '../lod/context';

/**
 * One system element. Memoised on what it shows: moving it does not re-render it.
 * Zoomed out it renders nothing: its React Flow element stays as the hit box
 * (click, drag, select) and the LOD canvas draws it.
 */
function KindNodeView({ id, data, selected }: KindNodeProps) {
  const low = useContext(LowDetail);
  if (low) return null;
  const look = KIND_LOOK[data.kind];
  return (
    <div
      className={`kn kn-${data.kind}${selected ? ' is-selected' : ''}`}
      style={{ '--kind': look.color } as React.CSSProperties}
    >
      <div className="kn-chip">
        <KindIcon kind={data.kind} size={18} />
      </div>
      <div className="kn-text">
        <div className="kn-name">{data.name}</div>
        <div className="kn-sub">{data.subtitle}</div>
      </div>
      {data.replicas > 1 ? (
        <div className="kn-badge" title={`${data.replicas} replicas`}>
          ×{data.replicas}
        </div>
      ) : null}
      <NodeDecor id={id} />
      <Handle id="t" type="source" position={Position.Top} className="kn-handle" />
      <Handle id="r" type="source" position={Position.Right} className="kn-handle" />
      <Handle id="b" type="source" position={Position.Bottom} className="kn-handle" />
      <Handle id="l" type="source" position={Position.Left} className="kn-handle" />
    </div>
  );
}

export const KindNode = memo(
  KindNodeView,
  (a, b) => a.data === b.data && a.selected === b.selected && a.id === b.id && a.dragging === b.dragging,
);
