/**
 * Workshop mode: the canvas alone, full screen (the Fullscreen API where the
 * browser allows it, else the whole window), stepping through the whole
 * system, each context and the saved views with the arrow keys, space or the
 * on-screen controls. Labels grow when the zoom would make them unreadable
 * on a projector.
 */
import { useReactFlow, useStore } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { isTyping } from '../canvas/shortcuts';
import { useStudio } from '../state/hooks';
import { studio } from '../state/store';
import { addView, labelScale, newViewId, workshopSteps, type Step } from './steps';
import { workshop } from './workshop-state';
import './workshop.css';

const MOVE_MS = 550;

export function Workshop() {
  const on = useSyncExternalStore(workshop.subscribe, workshop.get);
  return on ? <Presentation /> : null;
}

function Presentation() {
  const rf = useReactFlow();
  const model = useStudio((s) => s.model);
  const steps = useMemo(() => (model ? workshopSteps(model) : []), [model]);
  const [index, setIndex] = useState(0);
  const [naming, setNaming] = useState<string | null>(null);
  const zoom = useStore((s) => s.transform[2]);
  const wentFullscreen = useRef(false);

  const show = useCallback(
    (step: Step | undefined) => {
      if (!step) return;
      if (step.kind === 'all') void rf.fitView({ padding: 0.1, duration: MOVE_MS });
      else if (step.kind === 'context')
        void rf.fitView({ nodes: step.nodes.map((id) => ({ id })), padding: 0.25, duration: MOVE_MS, maxZoom: 1.6 });
      else void rf.setViewport(step.viewport, { duration: MOVE_MS });
    },
    [rf],
  );

  const go = useCallback(
    (i: number) => {
      const next = Math.max(0, Math.min(steps.length - 1, i));
      setIndex(next);
      show(steps[next]);
    },
    [steps, show],
  );

  // Enter: hide the chrome, go full screen, frame the whole system. Leave: undo all three.
  useEffect(() => {
    document.body.classList.add('keel-workshop');
    // Selection handles are editing chrome too.
    studio.select([]);
    const root = document.documentElement;
    if (root.requestFullscreen && !document.fullscreenElement) {
      root
        .requestFullscreen({ navigationUI: 'hide' })
        .then(() => (wentFullscreen.current = true))
        .catch(() => {
          /* Not allowed here (no user gesture, an iframe, a kiosk): the full-window overlay is enough. */
        });
    }
    const onFs = () => {
      if (!document.fullscreenElement && wentFullscreen.current) workshop.set(false);
    };
    document.addEventListener('fullscreenchange', onFs);
    const t = setTimeout(() => show(workshopSteps(studio.model)[0]), 30);
    return () => {
      clearTimeout(t);
      document.removeEventListener('fullscreenchange', onFs);
      document.body.classList.remove('keel-workshop', 'ws-large-labels');
      document.body.style.removeProperty('--ws-label-scale');
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    };
  }, [show]);

  // Follow-the-presenter zoom: labels stay readable at any zoom.
  useEffect(() => {
    const s = labelScale(zoom);
    document.body.style.setProperty('--ws-label-scale', s.toFixed(3));
    document.body.classList.toggle('ws-large-labels', s > 1.15);
  }, [zoom]);

  // Keys: captured before the studio's editing shortcuts, which are off while presenting.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      e.stopPropagation();
      let handled = true;
      if (e.key === 'ArrowRight' || e.key === 'ArrowDown' || e.key === ' ' || e.key === 'PageDown') go(index + 1);
      else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp' || e.key === 'PageUp' || e.key === 'Backspace') go(index - 1);
      else if (e.key === 'Home') go(0);
      else if (e.key === 'End') go(steps.length - 1);
      else if (e.key === 'Escape') workshop.set(false);
      else if (e.key === '+' || e.key === '=') void rf.zoomIn({ duration: 200 });
      else if (e.key === '-') void rf.zoomOut({ duration: 200 });
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [go, index, steps.length, rf]);

  const saveView = () => {
    const name = (naming ?? '').trim();
    const m = studio.model;
    const id = newViewId(m);
    studio.edit(addView(id, name || `View ${(m.views?.length ?? 0) + 1}`, rf.getViewport()), { label: 'Save view' });
    setNaming(null);
  };

  const step = steps[index];
  return (
    <div className="workshop-ui" data-testid="workshop">
      <div className="workshop-title" data-testid="workshop-title">
        <span className="workshop-kind">{step?.kind === 'all' ? 'System' : step?.kind === 'context' ? 'Context' : 'View'}</span>
        {step?.title}
      </div>
      <div className="workshop-controls" role="toolbar" aria-label="Presentation">
        <button type="button" className="ws-btn" onClick={() => go(index - 1)} disabled={index === 0} aria-label="Previous view" data-testid="workshop-prev">
          ‹
        </button>
        <span className="ws-count" data-testid="workshop-count">
          {index + 1} / {steps.length}
        </span>
        <button type="button" className="ws-btn" onClick={() => go(index + 1)} disabled={index >= steps.length - 1} aria-label="Next view" data-testid="workshop-next">
          ›
        </button>
        <span className="ws-sep" />
        <button type="button" className="ws-btn ws-btn-text" onClick={() => void rf.zoomOut({ duration: 200 })} aria-label="Zoom out">
          −
        </button>
        <button type="button" className="ws-btn ws-btn-text" onClick={() => void rf.zoomIn({ duration: 200 })} aria-label="Zoom in">
          +
        </button>
        <span className="ws-sep" />
        {naming === null ? (
          <button type="button" className="ws-btn ws-btn-text" onClick={() => setNaming(`View ${(model?.views?.length ?? 0) + 1}`)} data-testid="workshop-save-view">
            Save this view
          </button>
        ) : (
          <form
            className="ws-name"
            onSubmit={(e) => {
              e.preventDefault();
              saveView();
            }}
          >
            <input autoFocus className="ws-input" value={naming} onChange={(e) => setNaming(e.target.value)} maxLength={200} aria-label="View name" data-testid="workshop-view-name" onKeyDown={(e) => e.key === 'Escape' && setNaming(null)} />
            <button type="submit" className="ws-btn ws-btn-text" data-testid="workshop-view-ok">
              Save
            </button>
          </form>
        )}
        <span className="ws-sep" />
        <button type="button" className="ws-btn ws-btn-text" onClick={() => workshop.set(false)} data-testid="workshop-exit">
          Exit
        </button>
      </div>
      <ol className="workshop-steps" aria-label="Views">
        {steps.map((s, i) => (
          <li key={s.id}>
            <button type="button" className={i === index ? 'is-current' : ''} onClick={() => go(i)} title={s.title} aria-label={`Go to ${s.title}`} />
          </li>
        ))}
      </ol>
    </div>
  );
}
