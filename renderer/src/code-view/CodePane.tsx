/** The code view: the model's YAML in CodeMirror, beside the canvas, in sync with it both ways. */
import { autocompletion, type Completion, type CompletionContext } from '@codemirror/autocomplete';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { codeView } from './code-view-state';
import { CodeSync, type SyncStatus } from './code-sync';
import { completeAt, keysWithValues } from './schema-completion';
import './code-view.css';

const VALUE_AFTER_KEY = /^\s*(?:-\s+)*([\w.$-]+|"[^"]*"|'[^']*'):\s+/;

function schemaCompletion(ctx: CompletionContext) {
  // Typing a value of a free-form key (a name, a path, a number): nothing to offer, and on a
  // large model not worth reading the whole document for.
  const line = ctx.state.doc.lineAt(ctx.pos);
  const m = VALUE_AFTER_KEY.exec(line.text.slice(0, ctx.pos - line.from));
  if (m && !ctx.explicit && !keysWithValues().has(m[1]!.replace(/^["']|["']$/g, ''))) return null;
  const r = completeAt(ctx.state.doc.toString(), ctx.pos);
  if (!r) return null;
  if (!ctx.explicit && r.from === ctx.pos && ctx.state.sliceDoc(ctx.pos - 1, ctx.pos) === '\n') return null;
  return {
    from: r.from,
    options: r.options.map(
      (o): Completion => ({
        label: o.label,
        type: o.type,
        apply: o.apply,
        ...(o.detail ? { detail: o.detail } : {}),
        ...(o.info ? { info: o.info } : {}),
      }),
    ),
    validFor: /^[\w.$-]*$/,
  };
}

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '12.5px', backgroundColor: 'var(--panel)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.55' },
  '.cm-gutters': { backgroundColor: '#fbfbfc', borderRight: '1px solid var(--border)', color: 'var(--text-3)' },
  '.cm-activeLine': { backgroundColor: 'rgba(52, 97, 230, 0.05)' },
  '.cm-activeLineGutter': { backgroundColor: 'rgba(52, 97, 230, 0.08)' },
  '&.cm-focused': { outline: 'none' },
});

const STATUS_TEXT: Record<SyncStatus['state'], string> = {
  synced: 'In sync with the canvas',
  pending: 'Reading…',
  invalid: 'Not applied',
};

export function CodePane() {
  const { open, width } = useSyncExternalStore(codeView.subscribe, codeView.get);
  if (!open) return null;
  return <CodeEditorPane width={width} />;
}

function CodeEditorPane({ width }: { width: number }) {
  const host = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<SyncStatus>({ state: 'synced', problems: [] });

  useEffect(() => {
    if (!host.current) return;
    const sync = new CodeSync(
      host.current,
      [basicSetup, yaml(), lintGutter(), autocompletion({ override: [schemaCompletion] }), theme],
      setStatus,
    );
    (window as unknown as { __keelCode?: CodeSync }).__keelCode = sync;
    return () => {
      sync.dispose();
      delete (window as unknown as { __keelCode?: CodeSync }).__keelCode;
    };
  }, []);

  const onResizeStart = (e: React.PointerEvent<HTMLDivElement>) => {
    const startX = e.clientX;
    const startW = width;
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => codeView.setWidth(startW + (startX - ev.clientX));
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };

  const first = status.problems[0];
  return (
    <aside className="code-pane" style={{ width }} data-testid="code-pane" aria-label="Model YAML">
      <div
        className="code-pane-resizer"
        onPointerDown={onResizeStart}
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the code view"
        title="Drag to resize"
      />
      <div className="code-pane-head">
        <span className="code-pane-title">model.keel.yaml</span>
        <span className={`code-pane-status is-${status.state}`} data-testid="code-status" data-state={status.state}>
          {STATUS_TEXT[status.state]}
        </span>
        <button type="button" className="tool tool-small" onClick={() => codeView.setOpen(false)} aria-label="Close the code view" title="Close">
          ×
        </button>
      </div>
      <div className="code-pane-editor" ref={host} data-testid="code-editor" />
      {first ? (
        <div className="code-pane-problems" data-testid="code-problems" role="status">
          <span className="code-problem-pos">
            {first.line}:{first.col}
          </span>
          <span className="code-problem-msg">{first.message}</span>
          {status.problems.length > 1 ? <span className="muted"> (+{status.problems.length - 1} more)</span> : null}
          <div className="code-problem-note">The canvas shows the last valid model.</div>
        </div>
      ) : null}
    </aside>
  );
}
