import { BaseEdge, getSmoothStepPath, type EdgeProps, type EdgeTypes } from '@xyflow/react';
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
        <EdgeLabel
          x={lx}
          y={ly}
          load={analysis.text}
          label={label}
          selected={!!p.selected}
          affected={!!analysis.affected}
        />
      ) : null}
    </>
  );
}

/**
 * The label is plain SVG inside the edge. React Flow's EdgeLabelRenderer
 * subscribes every label to the flow's store with a DOM query, which with
 * thousands of labelled edges costs more than a frame on every drag step.
 */
function EdgeLabel(p: {
  x: number;
  y: number;
  load?: string | null;
  label?: string;
  selected: boolean;
  affected: boolean;
}) {
  const text = [p.load, p.label].filter(Boolean).join(' · ');
  const width = Math.ceil(text.length * 6.2) + 12;
  return (
    <g
      className={`link-label${p.selected ? ' is-selected' : ''}${p.affected ? ' is-affected' : ''}`}
      transform={`translate(${Math.round(p.x - width / 2)} ${Math.round(p.y - 9)})`}
    >
      <rect width={width} height={18} rx={4} />
      <text x={width / 2} y={12.5} textAnchor="middle">
        {p.load ? <tspan className="link-load">{p.load}</tspan> : null}
        {p.load && p.label ? ' · ' : null}
        {p.label ? <tspan className="link-proto">{p.label}</tspan> : null}
      </text>
    </g>
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
