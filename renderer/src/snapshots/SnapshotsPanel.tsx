/**
 * History, snapshots and compare: name a snapshot of the current model, list
 * every revision (autosaves, snapshots, restores), restore one (it becomes a
 * new revision), and compare two revisions or one with the current model.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { RevisionSummary } from '../../../shared/api/contract';
import type { Model } from '../../../shared/model/types';
import { api, errorMessage } from '../api';
import { sourceText } from '../code-view/source-text';
import { decodeModel } from '../state/codec';
import { studio } from '../state/store';
import { ComparisonView } from './ComparisonView';
import { compareModels, type Comparison } from './compare';
import { compareHighlight, historyPanel } from './panel-state';
import './snapshots.css';

const KIND_LABEL: Record<RevisionSummary['kind'], string> = {
  autosave: 'Autosave',
  snapshot: 'Snapshot',
  save: 'Saved',
  import: 'Imported',
  restore: 'Restored',
};

export function SnapshotsPanel({ modelId }: { modelId: string }) {
  const open = useSyncExternalStore(historyPanel.subscribe, historyPanel.get);
  if (!open) return null;
  return <Panel modelId={modelId} />;
}

type Side = number | 'current';

function Panel({ modelId }: { modelId: string }) {
  const [revisions, setRevisions] = useState<RevisionSummary[] | null>(null);
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<number | null>(null);
  const [comparison, setComparison] = useState<{ a: Side; b: Side; result: Comparison } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const list = await api['models.history']({ id: modelId });
      setRevisions([...list].sort((x, y) => y.revision - x.revision));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [modelId]);

  useEffect(() => {
    void refresh();
    // Autosaves add revisions while the panel is open: follow them, gently.
    let t: ReturnType<typeof setTimeout> | undefined;
    const off = studio.subscribe(() => {
      clearTimeout(t);
      t = setTimeout(() => void refresh(), 1500);
    });
    return () => {
      clearTimeout(t);
      off();
    };
  }, [refresh]);

  useEffect(() => () => compareHighlight.set(null), []);

  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await what();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const snapshot = () =>
    run(async () => {
      const message = name.trim() || `Snapshot ${new Date().toLocaleString()}`;
      const r = await api['models.save']({ id: modelId, yaml: sourceText.textFor(studio.model), kind: 'snapshot', message });
      setName('');
      setNotice(`Saved “${message}” as revision ${r.revision}.`);
      await refresh();
    });

  const restore = (revision: number) =>
    run(async () => {
      const opened = await api['models.restoreRevision']({ id: modelId, revision });
      const { model, errors } = decodeModel(opened.yaml);
      if (!model) throw new Error(`Revision ${revision} cannot be read: ${errors[0] ?? 'unknown problem'}`);
      studio.load(model);
      sourceText.set(model, opened.yaml);
      setConfirm(null);
      setComparison(null);
      compareHighlight.set(null);
      setNotice(`Restored revision ${revision} as revision ${opened.revision}.`);
      await refresh();
    });

  const load = async (side: Side): Promise<Model> => {
    if (side === 'current') return studio.model;
    const r = await api['models.revision']({ id: modelId, revision: side });
    const { model, errors } = decodeModel(r.yaml);
    if (!model) throw new Error(`Revision ${side} cannot be read: ${errors[0] ?? 'unknown problem'}`);
    return model;
  };

  const compare = (a: Side, b: Side) =>
    run(async () => {
      const [ma, mb] = await Promise.all([load(a), load(b)]);
      const result = compareModels(ma, mb);
      setComparison({ a, b, result });
      compareHighlight.set(result.highlight);
    });

  const toggle = (rev: number) =>
    setPicked((p) => (p.includes(rev) ? p.filter((r) => r !== rev) : [...p, rev].slice(-2)));

  const sorted = [...picked].sort((x, y) => x - y);

  return (
    <aside className="side-panel history-panel" data-testid="history-panel" aria-label="History">
      <div className="side-panel-head">
        <h2>History</h2>
        <button type="button" className="tool tool-small" onClick={() => historyPanel.set(false)} aria-label="Close history">
          ×
        </button>
      </div>
      {comparison ? (
        <ComparisonView
          a={comparison.a}
          b={comparison.b}
          result={comparison.result}
          onBack={() => {
            setComparison(null);
            compareHighlight.set(null);
          }}
        />
      ) : (
        <>
          <form
            className="snapshot-form"
            onSubmit={(e) => {
              e.preventDefault();
              void snapshot();
            }}
          >
            <input
              className="input"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="Name this version, e.g. Before the review"
              maxLength={200}
              data-testid="snapshot-name"
              aria-label="Snapshot name"
            />
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="snapshot-save">
              Save snapshot
            </button>
          </form>
          {notice ? (
            <div className="callout" data-testid="history-notice">
              {notice}
            </div>
          ) : null}
          {error ? (
            <div className="callout callout-error" data-testid="history-error">
              {error}
            </div>
          ) : null}
          <div className="compare-bar">
            <span className="muted">{picked.length === 0 ? 'Tick one or two revisions to compare.' : `${picked.length} ticked`}</span>
            <button
              type="button"
              className="btn btn-small"
              disabled={busy || picked.length !== 1}
              onClick={() => void compare(sorted[0]!, 'current')}
              data-testid="compare-current"
            >
              With current
            </button>
            <button
              type="button"
              className="btn btn-small"
              disabled={busy || picked.length !== 2}
              onClick={() => void compare(sorted[0]!, sorted[1]!)}
              data-testid="compare-two"
            >
              Compare two
            </button>
          </div>
          <ol className="revision-list" data-testid="revision-list">
            {revisions === null ? <li className="muted">Loading…</li> : null}
            {revisions?.map((r, i) => (
              <li key={r.revision} className={`revision is-${r.kind}${picked.includes(r.revision) ? ' is-picked' : ''}`} data-testid="revision" data-revision={r.revision} data-kind={r.kind}>
                <label className="revision-main">
                  <input type="checkbox" checked={picked.includes(r.revision)} onChange={() => toggle(r.revision)} data-testid="revision-pick" aria-label={`Pick revision ${r.revision}`} />
                  <span className="revision-text">
                    <span className="revision-title">
                      <span className={`revision-kind kind-${r.kind}`}>{KIND_LABEL[r.kind]}</span>
                      {r.message ? <span className="revision-message">{r.message}</span> : null}
                    </span>
                    <span className="revision-meta">
                      #{r.revision} · <time dateTime={r.createdAt}>{formatTime(r.createdAt)}</time>
                      {i === 0 ? ' · current' : ''}
                    </span>
                  </span>
                </label>
                {i > 0 ? (
                  confirm === r.revision ? (
                    <span className="revision-confirm" data-testid="restore-confirm">
                      <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => void restore(r.revision)} data-testid="restore-yes">
                        Restore
                      </button>
                      <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirm(null)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirm(r.revision)} data-testid="restore" title="Restore this revision (it becomes a new revision; nothing is lost)">
                      Restore…
                    </button>
                  )
                ) : null}
              </li>
            ))}
          </ol>
        </>
      )}
    </aside>
  );
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return sameDay ? `today ${time}` : `${d.toLocaleDateString()} ${time}`;
}
