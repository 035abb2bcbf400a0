/** Model-level editors: the system, its contexts, schemas and decisions. */
import { useEffect, useState } from 'react';
import { DECISION_STATUSES } from '../../../shared/model/schema';
import { isName } from '../../../shared/model/ids';
import type { Decision } from '../../../shared/model/types';
import { Icon } from '../app/icons';
import { addContext, deleteElements, uniqueId, writePath } from '../state/commands';
import { useStudio } from '../state/hooks';
import { studio } from '../state/store';
import { useFieldIssues } from './IssuesContext';
import { KeyField, NumberField, Row, Section, TextField, usePathValue } from './fields';

export function SystemForm() {
  return (
    <div className="form" data-testid="model-form">
      <Section title="System">
        <TextField path={['name']} label="Name" testid="inspector-model-name" />
        <TextField path={['description']} label="Description" testid="inspector-model-description" multiline />
      </Section>
      <Section title="Objectives (SLO)">
        <Row>
          <NumberField
            path={['slo', 'availability']}
            label="Availability (%)"
            testid="inspector-slo-availability"
            placeholder="99.9"
          />
          <NumberField
            path={['slo', 'latencyP99Ms']}
            label="Latency budget (ms)"
            testid="inspector-slo-latency"
            placeholder="200"
          />
        </Row>
      </Section>
      <Section title="Analysis thresholds" defaultOpen={false}>
        <Row>
          <NumberField
            path={['analysis', 'hotspotUtilization']}
            label="Hotspot utilisation"
            testid="inspector-hotspot"
            placeholder="0.8"
          />
          <NumberField
            path={['analysis', 'maxSyncDepth']}
            label="Max sync depth"
            testid="inspector-maxSyncDepth"
            placeholder="5"
            integer
          />
        </Row>
        <NumberField
          path={['analysis', 'maxRetryAmplification']}
          label="Max retry amplification"
          testid="inspector-maxRetry"
          placeholder="10"
        />
      </Section>
    </div>
  );
}

export function ContextForm({ contextId }: { contextId: string }) {
  const members = useStudio((s) => Object.values(s.model?.nodes ?? {}).filter((n) => n.context === contextId).length);
  return (
    <div className="form" data-testid="context-form">
      <div className="form-head">
        <div>
          <div className="form-kind">Bounded context</div>
          <code>{contextId}</code> <span className="muted">· {members} nodes</span>
        </div>
      </div>
      <Section title="Context">
        <TextField
          path={['contexts', contextId, 'name']}
          label="Name"
          testid="inspector-context-name"
          placeholder={contextId}
        />
        <TextField
          path={['contexts', contextId, 'description']}
          label="Description"
          testid="inspector-context-description"
          multiline
        />
        <ColorField path={['contexts', contextId, 'color']} />
      </Section>
    </div>
  );
}

const SWATCHES = ['#2563eb', '#0d9488', '#7c3aed', '#d97706', '#db2777', '#059669', '#64748b'];

function ColorField({ path }: { path: (string | number)[] }) {
  const value = usePathValue(path) as string | undefined;
  return (
    <div className="field">
      <span className="field-label">Colour</span>
      <div className="swatches">
        <button
          type="button"
          className={`swatch swatch-none${!value ? ' is-on' : ''}`}
          onClick={() => studio.edit((m) => writePath(m as never, path, undefined), { label: 'Context colour' })}
          aria-label="No colour"
        />
        {SWATCHES.map((c) => (
          <button
            key={c}
            type="button"
            className={`swatch${value === c ? ' is-on' : ''}`}
            style={{ background: c }}
            aria-label={c}
            onClick={() => studio.edit((m) => writePath(m as never, path, c), { label: 'Context colour' })}
          />
        ))}
      </div>
    </div>
  );
}

export function ContextsList() {
  const contexts = useStudio(
    (s) => Object.entries(s.model?.contexts ?? {}).map(([id, c]) => [id, c.name ?? id] as const),
    (a, b) => JSON.stringify(a) === JSON.stringify(b),
  );
  return (
    <div className="form" data-testid="contexts-form">
      <Section title="Bounded contexts">
        {contexts.length === 0 ? (
          <div className="empty-note">No contexts yet. Group related nodes into one.</div>
        ) : null}
        <ul className="plain-list">
          {contexts.map(([id, name]) => (
            <li key={id} className="plain-row">
              <button type="button" className="link-button" onClick={() => studio.select([`ctx:${id}`])}>
                {name}
              </button>
              <code className="muted">{id}</code>
              <button
                type="button"
                className="tool tool-small"
                aria-label={`Delete context ${id}`}
                onClick={() => studio.edit(deleteElements([`ctx:${id}`]), { label: 'Delete context' })}
              >
                <Icon name="trash" size={14} />
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          data-testid="add-context"
          onClick={() => {
            const name = prompt('Name of the new bounded context')?.trim();
            if (!name) return;
            const id = uniqueId(name, (x) => x in (studio.model.contexts ?? {}));
            studio.edit(addContext(id, name), { label: 'Add context' });
          }}
        >
          <Icon name="plus" size={14} />
          Context
        </button>
      </Section>
    </div>
  );
}

export function SchemasEditor() {
  const names = useStudio(
    (s) => Object.keys(s.model?.schemas ?? {}),
    (a, b) => a.join() === b.join(),
  );
  return (
    <div className="form" data-testid="schemas-form">
      <Section title="Schemas (JSON Schema)">
        {names.length === 0 ? (
          <div className="empty-note">Named schemas describe request, response and message bodies.</div>
        ) : null}
        {names.map((n) => (
          <SchemaItem key={n} name={n} />
        ))}
        <button
          type="button"
          className="btn btn-small btn-ghost"
          data-testid="add-schema"
          onClick={() => {
            let i = names.length + 1;
            while (names.includes(`Schema${i}`)) i++;
            studio.edit((m) => writePath(m as never, ['schemas', `Schema${i}`], { type: 'object', properties: {} }), {
              label: 'Add schema',
            });
          }}
        >
          <Icon name="plus" size={14} />
          Schema
        </button>
      </Section>
    </div>
  );
}

function SchemaItem({ name }: { name: string }) {
  const value = usePathValue(['schemas', name]);
  const text = JSON.stringify(value, null, 2);
  const [draft, setDraft] = useState(text);
  const [error, setError] = useState<string | null>(null);
  const issues = useFieldIssues(['schemas', name]);
  useEffect(() => {
    setDraft(text);
    setError(null);
  }, [text]);
  return (
    <details className="list-item" data-testid={`schema-${name}`}>
      <summary className="list-item-head">
        <span className="list-item-title">{name}</span>
      </summary>
      <KeyField recordPath={['schemas']} name={name} label="Name" testid={`schema-${name}-name`} />
      <textarea
        className={`input textarea code${error ? ' is-invalid' : ''}`}
        rows={Math.min(16, text.split('\n').length + 1)}
        value={draft}
        spellCheck={false}
        aria-label={`JSON Schema of ${name}`}
        data-testid={`schema-${name}-json`}
        onChange={(e) => {
          setDraft(e.target.value);
          try {
            const v: unknown = JSON.parse(e.target.value);
            if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('a schema must be a JSON object');
            setError(null);
            studio.edit((m) => writePath(m as never, ['schemas', name], v), {
              label: `Edit schema ${name}`,
              coalesce: `schema:${name}`,
            });
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          }
        }}
        onBlur={() => studio.seal()}
      />
      {error ? <div className="field-error">{error}</div> : null}
      {issues?.map((m, i) => (
        <div key={i} className="field-error">
          {m}
        </div>
      ))}
      {!isName(name) ? <div className="field-error">names use letters, digits or "_"</div> : null}
      <button
        type="button"
        className="btn btn-small btn-ghost btn-danger"
        onClick={() =>
          studio.edit((m) => writePath(m as never, ['schemas', name], undefined), { label: `Remove schema ${name}` })
        }
      >
        Remove schema
      </button>
    </details>
  );
}

export function DecisionsEditor() {
  const decisions = (usePathValue(['decisions']) as Decision[] | undefined) ?? [];
  return (
    <div className="form" data-testid="decisions-form">
      <Section title="Decisions (ADRs)">
        {decisions.length === 0 ? <div className="empty-note">Record why the system looks the way it does.</div> : null}
        {decisions.map((d, i) => (
          <details key={i} className="list-item">
            <summary className="list-item-head">
              <span className={`status-pill status-${d.status}`}>{d.status}</span>
              <span className="list-item-title">{d.title}</span>
            </summary>
            <Row>
              <TextField path={['decisions', i, 'id']} label="Id" testid={`decision-${i}-id`} />
              <DecisionStatus index={i} />
            </Row>
            <TextField path={['decisions', i, 'title']} label="Title" testid={`decision-${i}-title`} />
            <TextField
              path={['decisions', i, 'date']}
              label="Date"
              testid={`decision-${i}-date`}
              placeholder="2026-01-31"
            />
            <TextField path={['decisions', i, 'context']} label="Context" testid={`decision-${i}-context`} multiline />
            <TextField
              path={['decisions', i, 'decision']}
              label="Decision"
              testid={`decision-${i}-decision`}
              multiline
            />
            <TextField
              path={['decisions', i, 'consequences']}
              label="Consequences"
              testid={`decision-${i}-consequences`}
              multiline
            />
            <button
              type="button"
              className="btn btn-small btn-ghost btn-danger"
              onClick={() =>
                studio.edit(
                  (m) => {
                    m.decisions?.splice(i, 1);
                    if (m.decisions?.length === 0) delete m.decisions;
                  },
                  { label: 'Remove decision' },
                )
              }
            >
              Remove decision
            </button>
          </details>
        ))}
        <button
          type="button"
          className="btn btn-small btn-ghost"
          data-testid="add-decision"
          onClick={() => {
            const id = uniqueId('adr-1', (x) => decisions.some((d) => d.id === x));
            studio.edit((m) => void (m.decisions ??= []).push({ id, title: 'New decision', status: 'proposed' }), {
              label: 'Add decision',
            });
          }}
        >
          <Icon name="plus" size={14} />
          Decision
        </button>
      </Section>
    </div>
  );
}

function DecisionStatus({ index }: { index: number }) {
  const value = usePathValue(['decisions', index, 'status']) as string;
  return (
    <div className="field">
      <span className="field-label">Status</span>
      <select
        className="input select"
        value={value}
        aria-label="Status"
        onChange={(e) =>
          studio.edit((m) => writePath(m as never, ['decisions', index, 'status'], e.target.value), {
            label: 'Decision status',
          })
        }
      >
        {DECISION_STATUSES.map((s) => (
          <option key={s}>{s}</option>
        ))}
      </select>
    </div>
  );
}
