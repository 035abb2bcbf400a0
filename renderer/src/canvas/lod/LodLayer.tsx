/**
 * The zoomed-out canvas over the flow: two <canvas> elements the size of the
 * pane, synced to React Flow's viewport, on which the painter draws links
 * and nodes while the zoom is under LOD_ZOOM. The DOM nodes under it are then
 * empty hit boxes (clicks, drags and selection still go to React Flow), and
 * a new analysis result repaints one canvas instead of a thousand nodes.
 */
import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { analysisStore } from '../../analysis/analysis-store';
import { LodPainter, type LodScene } from './painter';

export function LodLayer({ scene, active, live }: { scene: LodScene; active: boolean; live: ReadonlySet<string> }) {
  const edgesRef = useRef<HTMLCanvasElement>(null);
  const nodesRef = useRef<HTMLCanvasElement>(null);
  const liveRef = useRef<HTMLCanvasElement>(null);
  const painter = useRef<LodPainter | null>(null);
  const store = useStoreApi();

  useEffect(() => {
    const p = new LodPainter(edgesRef.current!, nodesRef.current!, liveRef.current!, analysisStore);
    painter.current = p;
    const host = edgesRef.current!.parentElement!;
    const size = () => p.setSize(host.clientWidth, host.clientHeight, window.devicePixelRatio || 1);
    size();
    const ro = new ResizeObserver(size);
    ro.observe(host);
    const view = () => {
      const [x, y, zoom] = store.getState().transform;
      p.setView({ x, y, zoom });
    };
    view();
    const offView = store.subscribe((s, prev) => {
      if (s.transform !== prev.transform) view();
    });
    // Links change look only when a what-if cuts some off: compare that list, not every figure.
    let affected = analysisStore.getState().result?.whatIf?.affectedLinks;
    const offAnalysis = analysisStore.subscribe(() => {
      const next = analysisStore.getState().result?.whatIf?.affectedLinks;
      const links = next !== affected && (next?.join('\n') ?? '') !== (affected?.join('\n') ?? '');
      affected = next;
      p.analysisChanged(links);
    });
    return () => {
      ro.disconnect();
      offView();
      offAnalysis();
      p.dispose();
      painter.current = null;
    };
  }, [store]);

  // The dragged nodes first: the scene of a drag frame then repaints the live canvas only.
  useEffect(() => {
    painter.current?.setLive(live);
  }, [live]);
  useEffect(() => {
    painter.current?.setScene(scene);
  }, [scene]);
  useEffect(() => {
    painter.current?.setActive(active);
  }, [active]);

  return (
    <div className="lod-layer" aria-hidden="true" data-testid="lod-layer" data-active={active}>
      <canvas ref={edgesRef} className="lod-canvas" />
      <canvas ref={nodesRef} className="lod-canvas" />
      <canvas ref={liveRef} className="lod-canvas" />
    </div>
  );
}
