/** Home: recent models, new from a template, import, rename, trash. */
import { useCallback, useEffect, useState } from 'react';
import type { ModelSummary, TemplateSummary } from '../../../shared/api/contract';
import { api, errorMessage } from '../api';
import { Icon } from '../app/icons';
import { navigate } from '../app/router';
import { ImportButton } from './ImportButton';
import { TemplatePreview } from './TemplatePreview';

type Tab = 'models' | 'trash';

export function Home() {
  const [tab, setTab] = useState<Tab>('models');
  const [models, setModels] = useState<ModelSummary[] | null>(null);
  const [trash, setTrash] = useState<ModelSummary[] | null>(null);
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const [m, t] = await Promise.all([api['models.list']({}), api['models.list']({ trashed: true })]);
      setModels([...m].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)));
      setTrash(t);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    void refresh();
    api['templates.list']({})
      .then(setTemplates)
      .catch((e) => setError(errorMessage(e)));
  }, [refresh]);

  const create = async (template?: string) => {
    try {
      const opened = await api['models.create'](template ? { template } : { name: 'Untitled system' });
      navigate({ screen: 'studio', modelId: opened.id });
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const act = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      setError(errorMessage(e));
    }
    await refresh();
  };

  return (
    <div className="home">
      <header className="home-bar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Keel
        </div>
        <div className="home-actions">
          <ImportButton onImported={(m) => navigate({ screen: 'studio', modelId: m.id })} label="Import .keel.yaml" />
          <button type="button" className="btn btn-primary" onClick={() => void create()} data-testid="new-model">
            <Icon name="plus" />
            New model
          </button>
        </div>
      </header>
      <div className="home-body">
        {error ? (
          <div className="callout callout-error" role="alert">
            {error}
            <button type="button" className="link-button" onClick={() => setError(null)}>
              Dismiss
            </button>
          </div>
        ) : null}

        <section className="home-section">
          <div className="section-head">
            <div className="tabs" role="tablist">
              <button
                type="button"
                role="tab"
                aria-selected={tab === 'models'}
                className={`tab${tab === 'models' ? ' is-active' : ''}`}
                onClick={() => setTab('models')}
              >
                Models {models ? <span className="count">{models.length}</span> : null}
              </button>
              <button
                type="button"
                role="tab"
                aria-selected={tab === 'trash'}
                className={`tab${tab === 'trash' ? ' is-active' : ''}`}
                onClick={() => setTab('trash')}
                data-testid="trash-tab"
              >
                Trash {trash?.length ? <span className="count">{trash.length}</span> : null}
              </button>
            </div>
          </div>
          {tab === 'models' ? (
            <ModelList
              models={models}
              empty={
                <div className="empty-state">
                  <div className="empty-title">No models yet</div>
                  <div className="empty-text">
                    Start from a template below, import a .keel.yaml, or begin with an empty canvas.
                  </div>
                </div>
              }
              actions={(m) => (
                <>
                  <RenameButton model={m} onRename={(name) => act(api['models.rename']({ id: m.id, name }))} />
                  <button
                    type="button"
                    className="tool"
                    title="Move to trash"
                    aria-label={`Move ${m.name} to trash`}
                    data-testid={`delete-${m.id}`}
                    onClick={() => void act(api['models.delete']({ id: m.id }))}
                  >
                    <Icon name="trash" />
                  </button>
                </>
              )}
              open
            />
          ) : (
            <ModelList
              models={trash}
              empty={
                <div className="empty-state">
                  <div className="empty-title">The trash is empty</div>
                  <div className="empty-text">Deleted models wait here until you restore them.</div>
                </div>
              }
              actions={(m) => (
                <button
                  type="button"
                  className="btn btn-small"
                  data-testid={`restore-${m.id}`}
                  onClick={() => void act(api['models.restore']({ id: m.id }))}
                >
                  <Icon name="restore" />
                  Restore
                </button>
              )}
            />
          )}
        </section>
        <section className="home-section">
          <div className="section-head">
            <h2>Start from a template</h2>
          </div>
          <div className="template-grid">
            {templates.map((t) => (
              <article
                key={t.id}
                className={`template-card${chosen === t.id ? ' is-chosen' : ''}`}
                data-testid={`template-${t.id}`}
                onMouseEnter={() => setChosen(t.id)}
                onFocus={() => setChosen(t.id)}
              >
                <div className="template-title">{t.name}</div>
                <div className="template-desc">{t.description}</div>
                <div className="template-stats">
                  {t.nodes} nodes · {t.links} links · {t.contexts} contexts
                </div>
                <TemplatePreview id={t.id} />
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => void create(t.id)}
                  data-testid={`use-template-${t.id}`}
                >
                  Use template
                </button>
              </article>
            ))}
            {templates.length === 0 ? <div className="empty-note">No templates are installed.</div> : null}
          </div>
        </section>
      </div>
    </div>
  );
}

function ModelList(p: {
  models: ModelSummary[] | null;
  empty: React.ReactNode;
  actions: (m: ModelSummary) => React.ReactNode;
  open?: boolean;
}) {
  if (!p.models) return <div className="model-list is-loading" />;
  if (p.models.length === 0) return <>{p.empty}</>;
  return (
    <ul className="model-list">
      {p.models.map((m) => (
        <li key={m.id} className="model-row" data-testid={`model-${m.id}`}>
          {p.open ? (
            <a className="model-open" href={`#/model/${m.id}`}>
              <span className="model-title">{m.name}</span>
              <span className="model-meta">
                Edited {relativeTime(m.updatedAt)} · {m.revisions} revision{m.revisions === 1 ? '' : 's'}
              </span>
            </a>
          ) : (
            <div className="model-open">
              <span className="model-title">{m.name}</span>
              <span className="model-meta">Deleted {m.deletedAt ? relativeTime(m.deletedAt) : ''}</span>
            </div>
          )}
          <div className="model-actions">{p.actions(m)}</div>
        </li>
      ))}
    </ul>
  );
}

function RenameButton({ model, onRename }: { model: ModelSummary; onRename: (name: string) => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(model.name);
  if (!editing)
    return (
      <button
        type="button"
        className="tool"
        title="Rename"
        aria-label={`Rename ${model.name}`}
        data-testid={`rename-${model.id}`}
        onClick={() => setEditing(true)}
      >
        <Icon name="edit" />
      </button>
    );
  return (
    <form
      className="rename-form"
      onSubmit={(e) => {
        e.preventDefault();
        setEditing(false);
        if (name.trim() && name.trim() !== model.name) void onRename(name.trim());
      }}
    >
      <input
        className="input input-small"
        autoFocus
        value={name}
        onChange={(e) => setName(e.target.value)}
        onBlur={() => setEditing(false)}
        aria-label="New name"
        data-testid="rename-input"
      />
    </form>
  );
}

function relativeTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = Math.round((Date.now() - t) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return new Date(t).toLocaleDateString();
}
