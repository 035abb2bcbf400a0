/** Import a `.keel.yaml`: a bad file shows its positioned problems and changes nothing. */
import { useRef, useState } from 'react';
import type { OpenedModel, Problem } from '../../../shared/api/contract';
import { api, apiMode, errorMessage } from '../api';
import { Icon } from '../app/icons';

export interface ImportButtonProps {
  /** Replace this model's content (a new revision) instead of creating a model. */
  into?: string;
  onImported: (model: OpenedModel) => void;
  label?: string;
  className?: string;
}

export function ImportButton({ into, onImported, label = 'Import', className = 'btn' }: ImportButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<{ file: string; list: Problem[]; message?: string } | null>(null);

  const importText = async (fileName: string, text: string) => {
    try {
      const r = await api['models.import']({ fileName, text, ...(into ? { into } : {}) });
      if (r.ok) {
        setProblems(null);
        onImported(r.model);
      } else setProblems({ file: fileName, list: r.problems });
    } catch (e) {
      setProblems({ file: fileName, list: [], message: errorMessage(e) });
    }
  };

  const choose = async () => {
    if (apiMode === 'desktop') {
      try {
        const r = await api['dialog.openModelFile']({ purpose: 'import' });
        if ('text' in r) return importText(r.fileName, r.text);
        if ('canceled' in r) return;
      } catch {
        // fall through to the file input
      }
    }
    input.current?.click();
  };

  return (
    <>
      <button type="button" className={className} onClick={() => void choose()} data-testid="import-button">
        <Icon name="upload" />
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept=".yaml,.yml,.keel.yaml"
        hidden
        data-testid="import-file"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) await importText(file.name, await file.text());
        }}
      />
      {problems ? (
        <ImportProblems
          fileName={problems.file}
          problems={problems.list}
          message={problems.message}
          onClose={() => setProblems(null)}
        />
      ) : null}
    </>
  );
}

/** Why a file was not imported (nothing was changed): its positioned problems, or one message. */
export function ImportProblems(p: { fileName: string; problems: Problem[]; message?: string; onClose: () => void }) {
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && p.onClose()}>
      <div className="dialog" role="alertdialog" aria-labelledby="import-title" data-testid="import-errors">
        <div className="dialog-head">
          <h2 id="import-title">{p.fileName} was not imported</h2>
          <button type="button" className="tool" onClick={p.onClose} aria-label="Close">
            <Icon name="close" />
          </button>
        </div>
        <p className="dialog-text">Nothing was changed. Fix these problems and import the file again.</p>
        {p.message ? <div className="callout callout-error">{p.message}</div> : null}
        <ul className="problem-list">
          {p.problems.map((q, i) => (
            <li key={i} className="problem" data-testid="import-problem">
              <code className="problem-pos">{`${q.file}:${q.line}:${q.col}:`}</code>{' '}
              <span className="problem-message">{q.message}</span>
            </li>
          ))}
        </ul>
        <div className="dialog-actions">
          <button type="button" className="btn btn-primary" onClick={p.onClose} data-testid="import-close">
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
