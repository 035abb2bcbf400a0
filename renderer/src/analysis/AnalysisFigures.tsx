/**
 * The inspector's figures for one node: load, capacity, utilisation, latency
 * budget, availability and blast radius; for a client, its entry against the
 * SLO. Plus the what-if action on it.
 */
import { RULES_BY_ID } from '../../../shared/analysis';
import { sloOf } from '../../../shared/model/defaults';
import { useStudio } from '../state/hooks';
import { analysisStore, isWhatIfActive } from './analysis-store';
import { focusFinding } from './FindingsPanel';
import { fmtAvailability, fmtFactor, fmtMs, fmtPercent, fmtRps } from './format';
import { HEAT_COLOR, HEAT_LABEL, HEAT_TRACK, heatOf } from './heat';
import { useAnalysis } from './hooks';
import './analysis.css';

export function AnalysisFigures({ id }: { id: string }) {
  const fig = useAnalysis((s) => s.result?.nodes[id]);
  const entry = useAnalysis((s) => s.result?.entries[id]);
  const findings = useAnalysis(
    (s) => s.result?.findings.filter((f) => !f.suppressed && f.nodes[0] === id) ?? [],
    (a, b) => a.length === b.length && a.every((f, i) => f.message === b[i]!.message && f.rule === b[i]!.rule),
  );
  const whatIf = useAnalysis((s) => s.resultWhatIf);
  const failed = useAnalysis((s) => s.whatIf.failed.includes(id));
  const kind = useStudio((s) => s.model?.nodes[id]?.kind);
  const slo = useStudio((s) => (s.model ? sloOf(s.model) : null), (a, b) => a?.availability === b?.availability && a?.latencyP99Ms === b?.latencyP99Ms);
  const names = useStudio((s) => s.model?.nodes);
  if (!fig || !kind) return null;
  const heat = heatOf(fig.utilization);
  const what = isWhatIfActive(whatIf);
  const blast = fig.blastRadius;

  return (
    <section className="figures" data-testid="figures" data-node={id}>
      <div className="figures-head">
        <span className="figures-title">Analysis</span>
        {what ? (
          <span className="whatif-tag">
            what-if{whatIf.loadFactor !== 1 ? ` ${fmtFactor(whatIf.loadFactor)}` : ''}
          </span>
        ) : null}
      </div>
      {entry && slo ? (
        <dl className="fig-grid" data-testid="entry-figures">
          <Fig label="Offered load" value={fmtRps(entry.rps)} testid="fig-rps" />
          <Fig
            label="Latency budget"
            value={fmtMs(entry.latencyMs, entry.latencyUnbounded)}
            note={`SLO ${slo.latencyP99Ms} ms`}
            state={entry.latencyUnbounded || (entry.latencyMs ?? 0) > slo.latencyP99Ms ? 'bad' : entry.latencyMs === null ? undefined : 'good'}
            testid="fig-entry-latency"
          />
          <Fig
            label="Availability"
            value={fmtAvailability(entry.availability)}
            note={`SLO ${slo.availability}%`}
            state={entry.availability < slo.availability ? 'bad' : 'good'}
            testid="fig-entry-availability"
          />
          <Fig label="Depends on" value={`${entry.dependsOn ?? '—'} nodes`} note="hard dependencies" />
        </dl>
      ) : (
        <dl className="fig-grid" data-testid="node-figures">
          <Fig label="Load" value={fmtRps(fig.load)} testid="fig-load" />
          <Fig label="Capacity" value={fig.capacity === null ? 'not set' : fmtRps(fig.capacity)} testid="fig-capacity" />
          <div className="fig fig-wide" data-testid="fig-utilization">
            <dt>Utilisation</dt>
            <dd>
              <span className="fig-value">{fmtPercent(fig.utilization)}</span>
              {heat !== 'none' ? (
                <>
                  <span
                    className="fig-bar"
                    style={
                      {
                        '--heat': HEAT_COLOR[heat],
                        '--heat-track': HEAT_TRACK[heat],
                        '--u': Math.min(1, fig.utilization ?? 0),
                      } as React.CSSProperties
                    }
                  >
                    <span />
                  </span>
                  <span className="fig-note">{HEAT_LABEL[heat]}</span>
                </>
              ) : null}
            </dd>
          </div>
          <Fig
            label="Latency budget"
            value={fmtMs(fig.latencyMs, fig.latencyUnbounded)}
            note="own p99 plus what it calls"
            state={fig.latencyUnbounded ? 'bad' : undefined}
            testid="fig-latency"
          />
          <Fig label="Availability" value={fmtAvailability(fig.availability)} testid="fig-availability" />
          <Fig
            label="Blast radius"
            value={blast.length ? `${blast.length} entr${blast.length === 1 ? 'y' : 'ies'}` : 'none'}
            note={blast.length ? blast.slice(0, 4).map((c) => names?.[c]?.name ?? c).join(', ') + (blast.length > 4 ? '…' : '') : undefined}
            testid="fig-blast"
          />
        </dl>
      )}
      {fig.onCycle ? <div className="fig-warn">On a cycle: load and latency are undefined here.</div> : null}
      {findings.length ? (
        <ul className="fig-findings">
          {findings.slice(0, 6).map((f, i) => (
            <li key={i}>
              <button type="button" className={`fig-finding an-sev-${f.severity}`} onClick={() => focusFinding(f)}>
                <span className="an-sev-dot" />
                {RULES_BY_ID.get(f.rule)?.title ?? f.rule}
              </button>
            </li>
          ))}
          {findings.length > 6 ? <li className="muted small">and {findings.length - 6} more in Findings</li> : null}
        </ul>
      ) : null}
      {kind !== 'client' ? (
        <button
          type="button"
          className={`btn btn-small${failed ? ' btn-primary' : ''} fig-fail`}
          onClick={() => analysisStore.toggleFailed(id)}
          data-testid="fail-node"
          title="What-if: see what goes down with it. The model is not changed."
        >
          {failed ? 'Bring this node back' : 'Fail this node'}
        </button>
      ) : null}
    </section>
  );
}

function Fig(p: { label: string; value: string; note?: string | undefined; state?: 'good' | 'bad' | undefined; testid?: string }) {
  return (
    <div className={`fig${p.state ? ` is-${p.state}` : ''}`} data-testid={p.testid}>
      <dt>{p.label}</dt>
      <dd>
        <span className="fig-value">{p.value}</span>
        {p.note ? <span className="fig-note">{p.note}</span> : null}
      </dd>
    </div>
  );
}
