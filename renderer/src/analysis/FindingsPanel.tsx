/**
 * The findings panel under the canvas: what the analysis found, by severity,
 * with counts; suppressed findings collapsed at the end. A click selects the
 * finding's subject and frames it; "Suppress…" asks for a reason and writes
 * a `suppress` entry (one undo step).
 */
import { memo, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { RULES_BY_ID } from '../../../shared/analysis';
import type { Finding, Severity } from '../../../shared/analysis/types';
import { canvas } from '../canvas/controller';
import { useStudio } from '../state/hooks';
import { studio } from '../state/store';
import { findingKey, groupFindings, isWhatIfActive } from './analysis-store';
import { suppressFinding, unsuppressFinding } from './commands';
import { fmtFactor } from './format';
import { useAnalysis } from './hooks';
import './analysis.css';

/** Rows drawn per group before "Show all": a generated model has thousands. */
const ROW_LIMIT = 150;

const GROUP_TITLE: Record<Severity, string> = { critical: 'Critical', warning: 'Warnings', info: 'Info' };

export function focusFinding(f: Finding): void {
  const model = studio.getState().model;
  if (!model) return;
  const nodes = f.nodes.filter((id) => id in model.nodes);
  studio.select([...nodes, ...f.links]);
  if (nodes.length) canvas.fit(nodes);
}

/** The value, changed at most once per `ms`: the first change at once, the last one always. */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = last.current + ms - performance.now();
    const show = () => {
      last.current = performance.now();
      setShown(() => value);
    };
    if (wait <= 0) {
      show();
      return;
    }
    const t = setTimeout(show, wait);
    return () => clearTimeout(t);
  }, [value, shown, ms]);
  return shown;
}

/** The value as it was when `hold` became true, until it is false again. */
function useHeldWhile<T>(value: T, hold: boolean): T {
  const held = useRef(value);
  if (!hold) held.current = value;
  return held.current;
}

export function FindingsPanel() {
  // The list can be long: it follows the canvas at a lower priority, at most
  // a few times a second, and holds still while the load slider is dragged
  // (rows coming and going on every result cost more than the frame budget);
  // the counts keep following.
  const counted = useThrottled(useAnalysis((s) => s.result), 250);
  const sliding = useAnalysis((s) => s.sliding);
  const result = useDeferredValue(useHeldWhile(counted, sliding));
  const counts = useMemo(() => groupFindings(counted?.findings ?? []), [counted]);
  const status = useAnalysis((s) => s.status);
  const error = useAnalysis((s) => s.error);
  const whatIf = useAnalysis((s) => s.resultWhatIf);
  const [open, setOpen] = useState(true);
  const [focused, setFocused] = useState<string | null>(null);
  const groups = useMemo(() => groupFindings(result?.findings ?? []), [result]);
  const names = useStudio((s) => s.model?.nodes);
  const nameOf = (id: string) => names?.[id]?.name ?? id;
  const what = isWhatIfActive(whatIf);

  return (
    <section className={`findings-panel${open ? ' is-open' : ''}`} aria-label="Findings" data-testid="findings">
      <header className="findings-head">
        <button
          type="button"
          className="findings-toggle"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          data-testid="findings-toggle"
        >
          <span className={`chevron${open ? ' is-open' : ''}`} aria-hidden="true" />
          Findings
        </button>
        <span className="an-sev-counts">
          {(['critical', 'warning', 'info'] as const).map((s) => (
            <span key={s} className={`an-sev-count an-sev-${s}`} data-testid={`count-${s}`} title={GROUP_TITLE[s]}>
              <span className="an-sev-dot" />
              {counts[s].length}
            </span>
          ))}
          {counts.suppressed.length ? (
            <span className="an-sev-count an-sev-suppressed" title="Suppressed">
              {counts.suppressed.length} suppressed
            </span>
          ) : null}
        </span>
        {what ? (
          <span className="whatif-tag" title="Findings under the what-if, not the model as it is">
            what-if {whatIf.loadFactor !== 1 ? fmtFactor(whatIf.loadFactor) : ''}
            {whatIf.failed.length ? ` · ${whatIf.failed.length} failed` : ''}
          </span>
        ) : null}
        <span className="findings-status" data-testid="analysis-status" data-status={status}>
          {status === 'running' ? 'Analysing…' : status === 'error' ? `Analysis stopped: ${error ?? ''}` : ''}
        </span>
      </header>
      {open ? (
        <div className="findings-body">
          {!result ? (
            <div className="findings-empty">Analysing the model…</div>
          ) : groups.critical.length + groups.warning.length + groups.info.length === 0 ? (
            <div className="findings-empty">
              <strong>No open findings.</strong> The analysis found nothing to fix
              {groups.suppressed.length ? ' (some are suppressed)' : ''}.
            </div>
          ) : null}
          {(['critical', 'warning', 'info'] as const).map((s) =>
            groups[s].length ? (
              <Group
                key={s}
                title={GROUP_TITLE[s]}
                severity={s}
                findings={groups[s]}
                nameOf={nameOf}
                focused={focused}
                onFocus={setFocused}
              />
            ) : null,
          )}
          {groups.suppressed.length ? (
            <SuppressedGroup findings={groups.suppressed} nameOf={nameOf} focused={focused} onFocus={setFocused} />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

interface GroupProps {
  findings: Finding[];
  nameOf: (id: string) => string;
  focused: string | null;
  onFocus: (key: string) => void;
}

function Group({ title, severity, ...p }: GroupProps & { title: string; severity: Severity }) {
  const [all, setAll] = useState(false);
  const shown = all ? p.findings : p.findings.slice(0, ROW_LIMIT);
  return (
    <div className={`fgroup fgroup-${severity}`} data-group={severity}>
      <div className="fgroup-title">
        {title} <span className="fgroup-count">{p.findings.length}</span>
      </div>
      <Rows {...p} findings={shown} />
      {shown.length < p.findings.length ? (
        <button type="button" className="link-button fgroup-more" onClick={() => setAll(true)}>
          Show all {p.findings.length}
        </button>
      ) : null}
    </div>
  );
}

function SuppressedGroup(p: GroupProps) {
  const [open, setOpen] = useState(false);
  const el = useRef<HTMLDivElement>(null);
  // Opened at the foot of a short panel: bring the rows into view.
  useEffect(() => {
    if (open) el.current?.scrollIntoView({ block: 'nearest' });
  }, [open]);
  return (
    <div className="fgroup fgroup-suppressed" data-group="suppressed" ref={el}>
      <button
        type="button"
        className="fgroup-title fgroup-fold"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        data-testid="suppressed-toggle"
      >
        <span className={`chevron${open ? ' is-open' : ''}`} aria-hidden="true" />
        Suppressed <span className="fgroup-count">{p.findings.length}</span>
      </button>
      {open ? <Rows {...p} /> : null}
    </div>
  );
}

function Rows({ findings, nameOf, focused, onFocus }: GroupProps) {
  return (
    <ul className="finding-list">
      {findings.map((f) => {
        const key = findingKey(f);
        return (
          <FindingRow key={key} f={f} subject={nameOf(f.nodes[0] ?? '')} focused={focused === key} onFocus={onFocus} />
        );
      })}
    </ul>
  );
}

const FindingRow = memo(
  function FindingRow({
    f,
    subject,
    focused,
    onFocus,
  }: {
    f: Finding;
    subject: string;
    focused: boolean;
    onFocus: (key: string) => void;
  }) {
    const [asking, setAsking] = useState(false);
    const title = RULES_BY_ID.get(f.rule)?.title ?? f.rule;
    return (
      <li
        className={`finding an-sev-${f.severity}${f.suppressed ? ' is-suppressed' : ''}${focused ? ' is-focused' : ''}`}
        data-rule={f.rule}
        data-severity={f.severity}
        data-node={f.nodes[0] ?? ''}
        data-link={f.links[0]}
        data-suppressed={f.suppressed ? 'true' : 'false'}
      >
        <button
          type="button"
          className="finding-main"
          onClick={() => {
            onFocus(findingKey(f));
            focusFinding(f);
          }}
          title="Select and show on the canvas"
        >
          <span className="an-sev-dot" aria-label={f.severity} />
          <span className="finding-text">
            <span className="finding-title">
              <span className="finding-subject">{subject}</span>
              <span className="finding-rule">{title}</span>
              <code className="finding-id">{f.rule}</code>
            </span>
            <span className="finding-message">{f.message}</span>
            {f.suppressed ? (
              <span className="finding-reason">Suppressed: {f.suppressionReason ?? 'no reason given'}</span>
            ) : (
              <span className="finding-suggestion">{f.suggestion}</span>
            )}
          </span>
        </button>
        <div className="finding-actions">
          {f.suppressed ? (
            <button
              type="button"
              className="btn btn-small btn-ghost"
              onClick={() => studio.edit(unsuppressFinding(f), { label: 'Restore finding' })}
              data-testid="unsuppress"
            >
              Restore
            </button>
          ) : asking ? null : (
            <button
              type="button"
              className="btn btn-small btn-ghost"
              onClick={() => setAsking(true)}
              data-testid="suppress"
            >
              Suppress…
            </button>
          )}
        </div>
        {asking && !f.suppressed ? <SuppressForm f={f} onDone={() => setAsking(false)} /> : null}
      </li>
    );
  },
  (a, b) =>
    a.focused === b.focused &&
    a.subject === b.subject &&
    a.onFocus === b.onFocus &&
    a.f.message === b.f.message &&
    a.f.suggestion === b.f.suggestion &&
    a.f.suppressed === b.f.suppressed &&
    a.f.suppressionReason === b.f.suppressionReason &&
    findingKey(a.f) === findingKey(b.f),
);

function SuppressForm({ f, onDone }: { f: Finding; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const ok = reason.trim().length > 0;
  return (
    <form
      className="suppress-form"
      data-testid="suppress-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ok) return;
        studio.edit(suppressFinding(f, reason), { label: `Suppress ${f.rule}` });
        onDone();
      }}
    >
      <label className="suppress-label">
        Why is this acceptable? The reason is kept in the model beside the suppression.
        <input
          className="input"
          autoFocus
          value={reason}
          maxLength={500}
          placeholder="e.g. Managed failover by the provider"
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onDone();
          }}
          data-testid="suppress-reason"
        />
      </label>
      <div className="suppress-buttons">
        <button type="submit" className="btn btn-small btn-primary" disabled={!ok} data-testid="suppress-confirm">
          Suppress
        </button>
        <button type="button" className="btn btn-small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
