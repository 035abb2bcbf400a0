/** Export dialog extras: copy the Mermaid diagram, or one service's OpenAPI, to the clipboard. */
import { useMemo, useState } from 'react';
import { restApiNodes } from '../../../shared/export/openapi';
import { safeFileStem } from '../../../shared/model/ids';
import { api, errorMessage } from '../api';
import { sourceText } from '../code-view/source-text';
import { studio } from '../state/store';
import '../snapshots/snapshots.css';

async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API refused (no permission, not focused): the old way still works on a click.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    if (!ok) throw new Error('The clipboard is not available here.');
  }
}

export function CopyArtifacts() {
  const services = useMemo(() => restApiNodes(studio.model).map(([id, n]) => ({ id, name: n.name ?? id })), []);
  const [service, setService] = useState(services[0]?.id ?? '');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const copy = async (path: string, what: string) => {
    setMessage(null);
    try {
      const { text } = await api['export.artifact']({ yaml: sourceText.textFor(studio.model), path });
      await writeClipboard(text);
      setMessage({ ok: true, text: `Copied ${what} (${text.split('\n').length} lines).` });
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    }
  };

  return (
    <div className="copy-artifacts" data-testid="copy-artifacts">
      <span className="field-label">Copy to the clipboard</span>
      <div className="copy-artifacts-row">
        <button type="button" className="btn btn-small" onClick={() => void copy('architecture.mmd', 'the Mermaid diagram')} data-testid="copy-mermaid">
          Mermaid diagram
        </button>
        {services.length ? (
          <>
            <select className="input copy-select" value={service} onChange={(e) => setService(e.target.value)} aria-label="Service" data-testid="copy-openapi-service">
              {services.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => void copy(`openapi/${safeFileStem(service)}.yaml`, `the OpenAPI of ${service}`)}
              disabled={!service}
              data-testid="copy-openapi"
            >
              OpenAPI
            </button>
          </>
        ) : (
          <span className="muted">No REST service to copy an OpenAPI of.</span>
        )}
      </div>
      {message ? (
        <div className={message.ok ? 'copy-ok' : 'callout callout-error'} role="status" data-testid="copy-status">
          {message.text}
        </div>
      ) : null}
    </div>
  );
}
