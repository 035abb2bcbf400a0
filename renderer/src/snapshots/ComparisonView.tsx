/** One comparison listed: what changed in the model, and what that does to the analysis. */
import type { EntityChanges, FieldChange } from '../../../shared/compare';
import type { Finding } from '../../../shared/analysis/types';
import { formatScale, showValue, type Comparison } from './compare';

type Side = number | 'current';
const sideName = (s: Side) => (s === 'current' ? 'current model' : `revision ${s}`);

export function ComparisonView({ a, b, result, onBack }: { a: Side; b: Side; result: Comparison; onBack: () => void }) {
  const { model: d, analysis: an } = result;
  const scaleChanged = an.maxScale.before !== an.maxScale.after;
  return (
    <div className="comparison" data-testid="comparison">
      <div className="comparison-head">
        <button type="button" className="btn btn-small btn-ghost" onClick={onBack} data-testid="compare-back">
          ← History
        </button>
        <span className="comparison-title">
          {sideName(a)} → {sideName(b)}
        </span>
      </div>
      {d.empty ? <p className="muted" data-testid="compare-empty">No design changes (positions aside).</p> : null}
      <Entities title="Nodes" c={d.nodes} testid="diff-nodes" />
      <Entities title="Links" c={d.links} testid="diff-links" />
      <Entities title="Contexts" c={d.contexts} testid="diff-contexts" />
      <Entities title="Schemas" c={d.schemas} testid="diff-schemas" />
      <Entities title="Decisions" c={d.decisions} testid="diff-decisions" />
      {d.model.length ? (
        <section className="diff-section" data-testid="diff-model">
          <h3>Model</h3>
          <Fields fields={d.model} />
        </section>
      ) : null}
      <section className="diff-section diff-analysis" data-testid="diff-analysis">
        <h3>Analysis</h3>
        <div className={`scale-row${scaleChanged ? ' is-changed' : ''}`} data-testid="diff-maxscale">
          <span>Headroom (maxScale)</span>
          <span className="scale-values">
            {formatScale(an.maxScale.before)} → <strong>{formatScale(an.maxScale.after)}</strong>
          </span>
        </div>
        {an.bottleneck.before !== an.bottleneck.after ? (
          <div className="scale-row">
            <span>First bottleneck</span>
            <span className="scale-values">
              {an.bottleneck.before ?? '—'} → <strong>{an.bottleneck.after ?? '—'}</strong>
            </span>
          </div>
        ) : null}
        <FindingList title="New findings" findings={an.newFindings} cls="is-new" testid="diff-new-findings" />
        <FindingList title="Resolved findings" findings={an.resolvedFindings} cls="is-resolved" testid="diff-resolved-findings" />
        {an.newFindings.length === 0 && an.resolvedFindings.length === 0 ? <p className="muted">Same findings before and after.</p> : null}
      </section>
    </div>
  );
}

function Entities({ title, c, testid }: { title: string; c: EntityChanges; testid: string }) {
  if (!c.added.length && !c.removed.length && !c.changed.length) return null;
  return (
    <section className="diff-section" data-testid={testid}>
      <h3>
        {title}
        <span className="diff-counts">
          {c.added.length ? <span className="count is-added">+{c.added.length}</span> : null}
          {c.removed.length ? <span className="count is-removed">−{c.removed.length}</span> : null}
          {c.changed.length ? <span className="count is-changed">~{c.changed.length}</span> : null}
        </span>
      </h3>
      <ul className="diff-list">
        {c.added.map((id) => (
          <li key={`a:${id}`} className="diff-item is-added" data-testid="diff-added">
            <span className="diff-mark">+</span>
            <code>{id}</code>
          </li>
        ))}
        {c.removed.map((id) => (
          <li key={`r:${id}`} className="diff-item is-removed" data-testid="diff-removed">
            <span className="diff-mark">−</span>
            <code>{id}</code>
          </li>
        ))}
        {c.changed.map((ch) => (
          <li key={`c:${ch.id}`} className="diff-item is-changed" data-testid="diff-changed">
            <span className="diff-mark">~</span>
            <code>{ch.id}</code>
            <Fields fields={ch.fields} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Fields({ fields }: { fields: FieldChange[] }) {
  return (
    <table className="diff-fields">
      <tbody>
        {fields.map((f) => (
          <tr key={f.path} data-testid="diff-field" data-path={f.path}>
            <th>{f.path}</th>
            <td className="before">{showValue(f.before)}</td>
            <td className="arrow">→</td>
            <td className="after">{showValue(f.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FindingList({ title, findings, cls, testid }: { title: string; findings: Finding[]; cls: string; testid: string }) {
  if (!findings.length) return null;
  return (
    <div className={`finding-diff ${cls}`} data-testid={testid}>
      <h4>
        {title} ({findings.length})
      </h4>
      <ul>
        {findings.map((f, i) => (
          <li key={`${f.rule}:${i}`} data-rule={f.rule}>
            <span className={`sev sev-${f.severity}`}>{f.severity}</span>
            <code>{f.rule}</code> {f.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
