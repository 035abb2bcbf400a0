import { memo, useContext } from 'react';
import type { FrameNodeProps } from '../derive';
import { LowDetail } from '../lod/context';

/** A bounded context drawn as a frame behind its members (zoomed out on a large model, the LOD canvas draws it). */
function FrameNodeView({ data, selected }: FrameNodeProps) {
  const low = useContext(LowDetail);
  if (low) return null;
  const style = data.color ? ({ '--frame': data.color } as React.CSSProperties) : undefined;
  return (
    <div
      className={`frame${selected ? ' is-selected' : ''}${data.dropTarget ? ' is-drop-target' : ''}`}
      style={style}
      data-testid={`frame-${data.contextId}`}
    >
      <div className="frame-title">
        <span className="frame-dot" />
        {data.name}
      </div>
    </div>
  );
}

export const FrameNode = memo(
  FrameNodeView,
  (a, b) => a.data === b.data && a.selected === b.selected && a.width === b.width && a.height === b.height,
);
