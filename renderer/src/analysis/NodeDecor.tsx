/**
 * What the analysis adds to a node on the canvas: a utilisation bar along its
 * foot in heat colours, a badge with its findings, and its what-if state.
 * Each node subscribes to its own view only.
 */
import { memo } from 'react';
import { HEAT_COLOR, HEAT_LABEL, HEAT_TRACK } from './heat';
import { useNodeView } from './hooks';
import { fmtPercent } from './format';

function NodeDecorView({ id }: { id: string }) {
  const v = useNodeView(id);
  return (
    <>
      {v.heat !== 'none' ? (
        <div
          className={`an-heat heat-${v.heat}`}
          style={
            {
              '--heat': HEAT_COLOR[v.heat],
              '--heat-track': HEAT_TRACK[v.heat],
              '--u': Math.min(1, v.utilization ?? 0),
            } as React.CSSProperties
          }
          title={`Utilisation ${fmtPercent(v.utilization)} (${HEAT_LABEL[v.heat]})`}
          data-heat={v.heat}
        >
          <div className="an-heat-fill" />
        </div>
      ) : null}
      {v.heat === 'over' || v.heat === 'hot' ? <div className={`an-outline is-${v.heat}`} /> : null}
      {v.findings ? (
        <div
          className={`an-badge an-sev-${v.worst}`}
          title={`${v.findings} finding${v.findings === 1 ? '' : 's'}, worst ${v.worst}`}
          data-testid="node-findings"
          data-count={v.findings}
          data-worst={v.worst}
        >
          {v.findings}
        </div>
      ) : null}
      {v.whatIf ? (
        <div className={`an-down is-${v.whatIf}`} data-whatif={v.whatIf}>
          <span className="an-down-tag">{v.whatIf === 'failed' ? 'failed' : 'down'}</span>
        </div>
      ) : null}
      {v.bottleneck && v.heat === 'over' ? <div className="an-ring" title="The bottleneck: saturates first" /> : null}
    </>
  );
}

export const NodeDecor = memo(NodeDecorView);
