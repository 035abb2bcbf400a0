/**
 * What-if over the canvas: a load slider (×0.1 to ×10, logarithmic) and
 * failed nodes. Both are views: they change the analysis store's what-if and
 * never the model or its undo history.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnalysisResult } from '../../../shared/analysis/types';
import { useStudio } from '../state/hooks';
import { analysisStore, isWhatIfActive } from './analysis-store';
import { fmtFactor } from './format';
import { useAnalysis } from './hooks';
import { NodeMenu } from './NodeMenu';

/** Slider position (log10 of the factor) to a factor of at most three significant digits; ×1 snaps. */
export function factorAt(exp: number): number {
  if (Math.abs(exp) < 0.015) return 1;
  const f = 10 ** exp;
  return Number(f.toPrecision(f < 1 ? 2 : 3));
}

export function WhatIfBar() {
  const whatIf = useAnalysis((s) => s.whatIf);
  const result = useAnalysis((s) => s.result);
  const resultWhatIf = useAnalysis((s) => s.resultWhatIf);
  const nodes = useStudio((s) => s.model?.nodes);
  const nameOf = (id: string) => nodes?.[id]?.name ?? id;
  const [exp, setExp] = useState(() => Math.log10(whatIf.loadFactor));
  const frame = useRef<number | null>(null);
  const pending = useRef(exp);

  // Reset (or a model switch) moves the store back to ×1: follow it.
  useEffect(() => {
    if (factorAt(pending.current) !== whatIf.loadFactor) {
      pending.current = Math.log10(whatIf.loadFactor);
      setExp(pending.current);
    }
  }, [whatIf.loadFactor]);
  useEffect(() => () => void (frame.current !== null && cancelAnimationFrame(frame.current)), []);
  // A pointer drag of the slider: the store holds back the per-result details until it ends.
  useEffect(() => {
    const end = () => analysisStore.endSlide();
    window.addEventListener('pointerup', end);
    window.addEventListener('pointercancel', end);
    window.addEventListener('blur', end);
    return () => {
      window.removeEventListener('pointerup', end);
      window.removeEventListener('pointercancel', end);
      window.removeEventListener('blur', end);
      end();
    };
  }, []);

  const onSlide = (v: number) => {
    setExp(v);
    pending.current = v;
    // One analysis request per frame at most, however fast the pointer moves.
    frame.current ??= requestAnimationFrame(() => {
      frame.current = null;
      analysisStore.setWhatIf({ loadFactor: factorAt(pending.current) });
    });
  };

  const active = isWhatIfActive(whatIf);
  const factor = factorAt(exp);
  const saturation = useMemo(() => saturationOf(result, resultWhatIf.loadFactor), [result, resultWhatIf.loadFactor]);
  const failedView = result?.whatIf && resultWhatIf.failed.length ? result.whatIf : null;

  return (
    <div className={`whatif${active ? ' is-active' : ''}`} data-testid="whatif" data-active={active}>
      <div className="whatif-row">
        <span className="whatif-label" title="Views only: the model and its undo history stay as they are">
          {active ? <span className="whatif-pill">What-if</span> : 'Load'}
        </span>
        <span className="whatif-scale" aria-hidden="true">
          ×0.1
        </span>
        <input
          type="range"
          className="whatif-slider"
          min={-1}
          max={1}
          step={0.01}
          value={exp}
          onChange={(e) => onSlide(Number(e.target.value))}
          onPointerDown={() => analysisStore.beginSlide()}
          aria-label="Load factor (all client traffic)"
          aria-valuetext={fmtFactor(factor)}
          data-testid="load-factor"
        />
        <span className="whatif-scale" aria-hidden="true">
          ×10
        </span>
        <output className="whatif-factor" data-testid="load-factor-value" data-factor={factor}>
          {fmtFactor(factor)}
        </output>
        {saturation ? (
          saturation.saturated ? null : (
            <span className="whatif-headroom" data-testid="headroom" title="Growth of all client traffic the system takes before the first node saturates">
              headroom {fmtFactor(saturation.at)} · <b>{nameOf(saturation.bottleneck)}</b> first
            </span>
          )
        ) : (
          <span className="whatif-headroom muted">no capacities set</span>
        )}
        {active ? (
          <button
            type="button"
            className="btn btn-small whatif-reset"
            onClick={() => analysisStore.resetWhatIf()}
            data-testid="whatif-reset"
            title="Back to the model as it is"
          >
            Reset
          </button>
        ) : null}
      </div>
      {saturation?.saturated ? (
        <div className="bottleneck-banner" data-testid="bottleneck" data-node={saturation.bottleneck} role="status">
          <span className="banner-icon" aria-hidden="true">
            !
          </span>
          <span>
            <b>{nameOf(saturation.bottleneck)}</b> saturates at {fmtFactor(saturation.at)}
            <span className="banner-detail">
              {resultWhatIf.loadFactor === 1
                ? ' · over capacity as modelled'
                : saturation.over > 1
                  ? ` · ${saturation.over} nodes over capacity at ${fmtFactor(resultWhatIf.loadFactor)}`
                  : ''}
            </span>
          </span>
        </div>
      ) : null}
      {failedView ? (
        <div className="whatif-failure" data-testid="whatif-failure">
          <div className="wf-line">
            <span className="wf-key">Failed</span>
            <span className="wf-chips">
              {resultWhatIf.failed.map((id) => (
                <button
                  key={id}
                  type="button"
                  className="chip chip-failed"
                  title="Bring it back"
                  onClick={() => analysisStore.toggleFailed(id)}
                >
                  {nameOf(id)} <span aria-hidden="true">×</span>
                </button>
              ))}
            </span>
          </div>
          <div className="wf-line" data-testid="whatif-down-entries">
            <span className="wf-key">Entries down</span>
            {failedView.downEntries.length ? (
              <span className="wf-chips">
                {failedView.downEntries.map((id) => (
                  <span key={id} className="chip chip-down" data-entry={id}>
                    {nameOf(id)}
                  </span>
                ))}
              </span>
            ) : (
              <span className="muted">none: every entry keeps working</span>
            )}
          </div>
          {failedView.survivingEntries.length ? (
            <div className="wf-line" data-testid="whatif-surviving">
              <span className="wf-key">Survive</span>
              <span className="wf-chips">
                {failedView.survivingEntries.map((id) => (
                  <span key={id} className="chip chip-up" data-entry={id} title="Reaches the failed node only through optional links or asynchronously">
                    {nameOf(id)}
                  </span>
                ))}
              </span>
              <span className="muted small">through optional links or async decoupling</span>
            </div>
          ) : null}
          <div className="wf-line muted small">
            {failedView.affectedNodes.length} node{failedView.affectedNodes.length === 1 ? '' : 's'} down or cut off,{' '}
            {failedView.affectedLinks.length} link{failedView.affectedLinks.length === 1 ? '' : 's'} failing
          </div>
        </div>
      ) : null}
      <NodeMenu />
    </div>
  );
}

interface Saturation {
  bottleneck: string;
  /** Factor on the modelled load at which the bottleneck saturates. */
  at: number;
  saturated: boolean;
  /** Nodes at or over capacity at the current factor. */
  over: number;
}

function saturationOf(result: AnalysisResult | null, factor: number): Saturation | null {
  const s = result?.summary;
  if (!s || s.maxScale === null || !s.bottleneck) return null;
  let over = 0;
  for (const n of Object.values(result.nodes)) if (n.utilization !== null && n.utilization >= 1) over++;
  return { bottleneck: s.bottleneck, at: s.maxScale * factor, saturated: s.maxScale <= 1, over };
}
