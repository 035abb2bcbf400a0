/**
 * The right-hand panel: the form of what is selected, or the model's own
 * editors when nothing is. Validation messages from validateModel show
 * beside each field; the rest are listed under Problems.
 */
import { useState } from 'react';
import { AnalysisFigures } from '../analysis/AnalysisFigures';
import { isFrameId } from '../canvas/derive';
import { setContext } from '../state/commands';
import { useStudio } from '../state/hooks';
import { studio } from '../state/store';
import { IssuesContext } from './IssuesContext';
import { LinkForm } from './LinkForm';
import { ContextForm, ContextsList, DecisionsEditor, SchemasEditor, SystemForm } from './ModelForms';
import { NodeForm } from './NodeForm';
import { useIssues } from './validation';

type ModelTab = 'system' | 'contexts' | 'schemas' | 'decisions' | 'problems';

export function Inspector() {
  const selection = useStudio((s) => s.selection);
  const nodes = useStudio((s) => s.model?.nodes);
  const hasNode = (id: string) => !!nodes && id in nodes;
  const { index, issues } = useIssues();
  const [tab, setTab] = useState<ModelTab>('system');
  const ids = [...selection];

  let body: React.ReactNode;
  if (ids.length === 1) {
    const id = ids[0]!;
    if (isFrameId(id)) body = <ContextForm contextId={id.slice(4)} />;
    else if (hasNode(id))
      body = (
        <>
          <AnalysisFigures id={id} />
          <NodeForm id={id} />
        </>
      );
    else body = <LinkForm linkId={id} />;
  } else if (ids.length > 1) {
    body = <MultiForm ids={ids.filter(hasNode)} total={ids.length} />;
  } else {
    body = (
      <>
        <div className="tabs tabs-panel" role="tablist">
          {(
            [
              ['system', 'System'],
              ['contexts', 'Contexts'],
              ['schemas', 'Schemas'],
              ['decisions', 'ADRs'],
              ['problems', 'Problems'],
            ] as const
          ).map(([t, label]) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              className={`tab${tab === t ? ' is-active' : ''}`}
              onClick={() => setTab(t)}
              data-testid={`inspector-tab-${t}`}
            >
              {label}
              {t === 'problems' && issues.length ? <span className="count count-error">{issues.length}</span> : null}
            </button>
          ))}
        </div>
        {tab === 'system' ? <SystemForm /> : null}
        {tab === 'contexts' ? <ContextsList /> : null}
        {tab === 'schemas' ? <SchemasEditor /> : null}
        {tab === 'decisions' ? <DecisionsEditor /> : null}
        {tab === 'problems' ? <ProblemsList issues={issues} /> : null}
      </>
    );
  }

  return (
    <aside className="inspector" aria-label="Inspector" data-testid="inspector">
      <IssuesContext.Provider value={index}>{body}</IssuesContext.Provider>
      {issues.length && ids.length ? (
        <div className="inspector-foot">
          <span className="count count-error">{issues.length}</span> problem{issues.length === 1 ? '' : 's'} in the
          model
        </div>
      ) : null}
    </aside>
  );
}

function ProblemsList({ issues }: { issues: { path: (string | number)[]; message: string }[] }) {
  if (issues.length === 0)
    return (
      <div className="empty-state small">
        <div className="empty-title">No problems</div>
        <div className="empty-text">The model is valid.</div>
      </div>
    );
  return (
    <ul className="problem-list" data-testid="problems">
      {issues.map((i, k) => (
        <li key={k} className="problem">
          <button
            type="button"
            className="link-button"
            onClick={() => {
              if (i.path[0] === 'nodes' && typeof i.path[1] === 'string') studio.select([i.path[1]]);
            }}
          >
            <code className="problem-pos">{i.path.join('.')}</code>
          </button>
          <span className="problem-message">{i.message}</span>
        </li>
      ))}
    </ul>
  );
}

function MultiForm({ ids, total }: { ids: string[]; total: number }) {
  const contexts = useStudio(
    (s) => Object.entries(s.model?.contexts ?? {}).map(([id, c]) => [id, c.name ?? id] as const),
    (a, b) => JSON.stringify(a) === JSON.stringify(b),
  );
  return (
    <div className="form" data-testid="multi-form">
      <div className="form-head">
        <div>
          <div className="form-kind">{total} selected</div>
          <div className="muted">{ids.length} nodes</div>
        </div>
      </div>
      {ids.length ? (
        <div className="field">
          <label className="field-label" htmlFor="multi-context">
            Move all to context
          </label>
          <select
            id="multi-context"
            className="input select"
            defaultValue=""
            onChange={(e) => {
              if (e.target.value === '') return;
              studio.edit(setContext(ids, e.target.value === '-' ? undefined : e.target.value), {
                label: 'Set context',
              });
              e.target.value = '';
            }}
          >
            <option value="">Choose…</option>
            <option value="-">(no context)</option>
            {contexts.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <p className="muted small">
        Align and distribute from the toolbar. Delete removes the selection; Ctrl+C and Ctrl+V copy it.
      </p>
    </div>
  );
}
