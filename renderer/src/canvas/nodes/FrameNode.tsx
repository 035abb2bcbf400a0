import { useStore } from '@xyflow/react';
import { memo, useContext } from 'react';
import type { FrameNodeProps } from '../derive';
import { LowDetail } from '../lod/context';
import { FRAME_TITLE_AREA, titleBand } from '../lod/geometry';

/** A bounded context drawn as a frame behind its members (zoomed out on a large model, the LOD canvas draws it). */
function FrameNodeView({ data, selected, width, height }: FrameNodeProps) {
  const low = useContext(LowDetail);
  // Zoomed out, the title band the LOD canvas paints (TITLE_BAND_PX on screen at least) stays a DOM drag handle.
  const top = useStore((s) =>
    low ? Math.round(titleBand({ x: 0, y: 0, width: width ?? 0, height: height ?? 0 }, s.transform[2]).y) : 0,
  );
  if (low)
    return (
      <div
        className="frame-title lod-frame-title"
        style={{ top, height: Math.min(FRAME_TITLE_AREA, height ?? 0) - top }}
        data-testid={`frame-title-${data.contextId}`}
        title={data.name}
      />
    );
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
