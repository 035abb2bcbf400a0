/** Writes the design package into a folder and lists what was written. */
import { useState } from 'react';
import type { ExportedFile } from '../../../shared/api/contract';
import { api, apiMode, errorMessage } from '../api';
import { Icon } from '../app/icons';
import { encodeModel } from '../state/codec';
import { studio } from '../state/store';
import { CopyArtifacts } from './CopyArtifacts';

const LAST_DIR_KEY = 'keel.exportDir';

export function ExportDialog({ modelId, onClose }: { modelId: string; onClose: () => void }) {
  const [dir, setDir] = useState(() => localStorage.getItem(`${LAST_DIR_KEY}.${modelId}`) ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ dir: string; files: ExportedFile[] } | null>(null);

  const pick = async () => {
    try {
      const r = await api['dialog.pickFolder']({ title: 'Export the design package into' });
      if ('path' in r) setDir(r.path);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const out = await api['export.package']({ yaml: encodeModel(studio.model), outDir: dir.trim() });
      localStorage.setItem(`${LAST_DIR_KEY}.${modelId}`, dir.trim());
      setResult(out);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-title"
        data-testid="export-dialog"
      >
        <div className="dialog-head">
          <h2 id="export-title">Export design package</h2>
          <button type="button" className="tool" onClick={onClose} aria-label="Close">
            <Icon name="close" />
          </button>
        </div>
        <p className="dialog-text">
          OpenAPI, AsyncAPI, Protobuf, SQL, JSON Schema, Mermaid, SVG, the design report and ADRs, written into one
          folder, for example a repository's <code>docs/architecture</code>.
        </p>
        <label className="field">
          <span className="field-label">Folder</span>
          <div className="field-row">
            <input
              className="input"
              value={dir}
              onChange={(e) => setDir(e.target.value)}
              placeholder="/path/to/repo/docs/architecture"
              data-testid="export-dir"
              spellCheck={false}
            />
            {apiMode === 'desktop' ? (
              <button type="button" className="btn" onClick={() => void pick()}>
                <Icon name="folder" />
                Choose…
              </button>
            ) : null}
          </div>
        </label>
        {error ? (
          <div className="callout callout-error" data-testid="export-error">
            {error}
          </div>
        ) : null}
        {result ? (
          <div className="export-result" data-testid="export-result">
            <div className="export-result-head">
              <Icon name="check" /> Wrote {result.files.length} files to <code>{result.dir}</code>
            </div>
            <ul className="file-list">
              {result.files.map((f) => (
                <li key={f.path}>
                  <span className="file-path">{f.path}</span>
                  <span className="file-size">{formatBytes(f.bytes)}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <CopyArtifacts />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {result ? 'Done' : 'Cancel'}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void run()}
            disabled={busy || !dir.trim()}
            data-testid="export-run"
          >
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </div>
    </div>
  );
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
