import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import { memo } from 'react';
import { useLinkView } from '../../analysis/hooks';
import type { LinkFlowEdge } from '../derive';

/** A link: solid when synchronous, dashed when asynchronous (publish, consume, async). */
function LinkEdgeView(p: EdgeProps<LinkFlowEdge>) {
  const [path, lx, ly] = getSmoothStepPath({
    sourceX: p.sourceX,
    sourceY: p.sourceY,
    sourcePosition: p.sourcePosition,
    targetX: p.targetX,
    targetY: p.targetY,
    targetPosition: p.targetPosition,
    borderRadius: 8,
    offset: 16,
  });
  const mode = p.data?.mode ?? 'sync';
  const label = p.data?.label;
  const analysis = useLinkView(p.id);
  return (
    <>
      <BaseEdge
        id={p.id}
        path={path}
        markerEnd={p.selected ? 'url(#keel-arrow-selected)' : 'url(#keel-arrow)'}
        className={`link link-${mode}${p.selected ? ' is-selected' : ''}${analysis.affected ? ' is-affected' : ''}`}
        interactionWidth={14}
      />
      {label || analysis.text ? (
        <EdgeLabelRenderer>
          <div
            className={`link-label nopan${p.selected ? ' is-selected' : ''}${analysis.affected ? ' is-affected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)` }}
          >
            {analysis.text ? <span className="link-load">{analysis.text}</span> : null}
            {label ? <span className="link-proto">{label}</span> : null}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const LinkEdge = memo(LinkEdgeView);

export const edgeTypes: EdgeTypes = { link: LinkEdge };

/** Arrowheads, defined once for all edges (cheaper than a marker per edge). */
export function EdgeMarkers() {
  return (
    <svg className="edge-markers" aria-hidden="true">
      <defs>
        <marker
          id="keel-arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0 1L9 5L0 9z" fill="var(--edge)" />
        </marker>
        <marker
          id="keel-arrow-selected"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0 1L9 5L0 9z" fill="var(--accent)" />
        </marker>
      </defs>
    </svg>
  );
}
