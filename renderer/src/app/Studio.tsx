/** The studio screen: toolbar, palette, canvas and inspector over one open model. */
import { ReactFlowProvider, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ViewState } from '../../../shared/api/contract';
import { api, errorMessage } from '../api';
import { Canvas } from '../canvas/Canvas';
import { prewarmLayoutWorker } from '../canvas/layout-runner';
import { canvas } from '../canvas/controller';
import { Palette } from '../canvas/palette/Palette';
import { installShortcuts } from '../canvas/shortcuts';
import { Inspector } from '../inspector/Inspector';
import { Autosaver, type SaveStatus } from '../state/autosave';
import { decodeModel } from '../state/codec';
import { studio } from '../state/store';
import { FindingsPanel } from '../analysis/FindingsPanel';
import { useAnalysisRunner } from '../analysis/use-analysis-runner';
import { WhatIfBar } from '../analysis/WhatIfBar';
import { Toolbar } from './Toolbar';
import { installMenuCommands } from './menu';
import { CodePane } from '../code-view/CodePane';
import { sourceText } from '../code-view/source-text';
import { SnapshotsPanel } from '../snapshots/SnapshotsPanel';
import { Workshop } from '../workshop/Workshop';

type Loading =
  { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; name: string; viewState: ViewState };

export function Studio({ modelId }: { modelId: string }) {
  const [loading, setLoading] = useState<Loading>({ state: 'loading' });
  const [saveStatus, setSaveStatus] = useState<SaveStatus>('saved');
  const autosaver = useRef<Autosaver | null>(null);

  useEffect(() => {
    let alive = true;
    let saver: Autosaver | null = null;
    (async () => {
      try {
        const opened = await api['models.open']({ id: modelId });
        const { model, errors } = decodeModel(opened.yaml);
        if (!alive) return;
        if (!model) throw new Error(`The stored model is not valid: ${errors[0] ?? 'unknown problem'}`);
        studio.load(model, opened.viewState.selection ?? []);
        sourceText.set(model, opened.yaml);
        studio.viewport = opened.viewState.viewport;
        saver = new Autosaver(modelId, (s) => setSaveStatus(s));
        autosaver.current = saver;
        (window as unknown as { __keel?: unknown }).__keel = { studio, autosaver: saver, canvas };
        setLoading({ state: 'ready', name: opened.name, viewState: opened.viewState });
      } catch (e) {
        if (alive) setLoading({ state: 'error', message: errorMessage(e) });
      }
    })();
    return () => {
      alive = false;
      saver?.dispose();
      autosaver.current = null;
      studio.close();
    };
  }, [modelId]);

  const ready = loading.state === 'ready';
  useAnalysisRunner(ready);

  // Nodes without a position (a new model from a template, an imported file) get one once the canvas is up.
  useEffect(() => {
    if (!ready) return;
    const m = studio.getState().model;
    if (!m) return;
    const unplaced = Object.keys(m.nodes).filter((id) => !m.layout?.[id]);
    if (unplaced.length === 0) {
      // Placed already: warm the layout worker up once the canvas has settled.
      const warm = setTimeout(prewarmLayoutWorker, 300);
      return () => clearTimeout(warm);
    }
    const all = unplaced.length === Object.keys(m.nodes).length;
    const t = setTimeout(() => {
      canvas
        .layout(all ? { kind: 'all' } : { kind: 'place-new' }, { record: false, fit: all })
        .catch((e) => console.warn('initial layout failed:', errorMessage(e)));
    }, 0);
    return () => clearTimeout(t);
  }, [ready]);

  useEffect(() => {
    if (!ready) return;
    const offKeys = installShortcuts({
      deleteSelection: () => canvas.deleteSelection(),
      undo: () => studio.undo(),
      redo: () => studio.redo(),
      copy: () => void canvas.copy(),
      cut: () => canvas.cut(),
      paste: () => canvas.paste(),
      selectAll: () => canvas.selectAll(),
      layout: () => void canvas.layoutSelectionOrAll().catch((e) => console.warn(errorMessage(e))),
      fit: () => canvas.fit(),
      clearSelection: () => studio.select([]),
    });
    const offMenu = installMenuCommands();
    return () => {
      offKeys();
      offMenu();
    };
  }, [ready]);

  const onViewportChange = useCallback((v: Viewport) => autosaver.current?.viewportChanged(v), []);

  if (loading.state === 'loading') return <div className="screen-message">Opening model…</div>;
  if (loading.state === 'error')
    return (
      <div className="screen-message">
        <div className="screen-message-title">This model cannot be opened</div>
        <div className="screen-message-text">{loading.message}</div>
        <a className="btn" href="#/">
          Back to models
        </a>
      </div>
    );

  return (
    <ReactFlowProvider>
      <div className="studio">
        <Toolbar modelId={modelId} name={loading.name} saveStatus={saveStatus} />
        <div className="studio-body">
          <Palette onDrop={(kind, at) => void canvas.dropKind(kind, at)} isOverCanvas={isOverCanvas} />
          <div className="studio-center">
            <main className="studio-canvas">
              <Canvas defaultViewport={loading.viewState.viewport} onViewportChange={onViewportChange} />
              <WhatIfBar />
            </main>
            <FindingsPanel />
          </div>
          <CodePane />
          <Inspector />
        </div>
        <SnapshotsPanel modelId={modelId} />
        <Workshop />
      </div>
    </ReactFlowProvider>
  );
}

function isOverCanvas(x: number, y: number): boolean {
  const el = document.querySelector('.canvas-flow');
  if (!el) return false;
  const r = el.getBoundingClientRect();
  if (x < r.left || x > r.right || y < r.top || y > r.bottom) return false;
  const hit = document.elementFromPoint(x, y);
  return !hit?.closest('.minimap, .react-flow__controls');
}
