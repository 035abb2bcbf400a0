/**
 * The minimap on one <canvas>. React Flow's own draws an SVG rect per node
 * and subscribes each to the flow's store: with 2,000 nodes that is 2,000
 * selectors run on every drag frame. This one repaints at most once a frame
 * from the derived boxes and the viewport. Click or drag in it to move the
 * view there, scroll in it to zoom.
 */
import { Panel, useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { KIND_LOOK } from '../kinds';
import { boundsOf, fitRect, toFlow, visibleFlowRect, type Rect, type View } from './geometry';
import type { LodScene } from './painter';

const WIDTH = 168;
const HEIGHT = 112;
const MASK = 'rgba(246, 246, 247, 0.72)';

export function MiniMap({ scene }: { scene: LodScene }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();
  const rf = useReactFlow();
  const sceneRef = useRef(scene);
  const paintRef = useRef<() => void>(() => {});
  /** The minimap's own view while the pointer drags in it (the bounds hold still meanwhile). */
  const held = useRef<View | null>(null);
  /** The view the last paint used: pointer positions map back through it. */
  const drawn = useRef<View | null>(null);

  useEffect(() => {
    const canvas = ref.current!;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = WIDTH * dpr;
    canvas.height = HEIGHT * dpr;
    let frame: number | null = null;
    const paint = () => {
      frame = null;
      const s = store.getState();
      const [x, y, zoom] = s.transform;
      const visible = visibleFlowRect({ x, y, zoom }, s.width, s.height);
      const map = held.current ?? mapView(sceneRef.current, visible);
      drawn.current = map;
      const ctx = canvas.getContext('2d')!;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.setTransform(dpr * map.zoom, 0, 0, dpr * map.zoom, dpr * map.x, dpr * map.y);
      const byColor = new Map<string, Path2D>();
      for (const n of sceneRef.current.nodes) {
        if (n.type !== 'kind') continue;
        const color = KIND_LOOK[n.data.kind].color;
        let p = byColor.get(color);
        if (!p) byColor.set(color, (p = new Path2D()));
        p.rect(n.position.x, n.position.y, n.width ?? 0, n.height ?? 0);
      }
      ctx.globalAlpha = 0.75;
      for (const [color, p] of byColor) {
        ctx.fillStyle = color;
        ctx.fill(p);
      }
      ctx.globalAlpha = 1;
      // Everything outside the view under a veil, the view's edge drawn.
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const v = {
        x: visible.x * map.zoom + map.x,
        y: visible.y * map.zoom + map.y,
        width: visible.width * map.zoom,
        height: visible.height * map.zoom,
      };
      const veil = new Path2D();
      veil.rect(0, 0, WIDTH, HEIGHT);
      veil.rect(v.x, v.y, v.width, v.height);
      ctx.fillStyle = MASK;
      ctx.fill(veil, 'evenodd');
      ctx.strokeStyle = 'rgba(52, 97, 230, 0.55)';
      ctx.lineWidth = 1;
      ctx.strokeRect(Math.round(v.x) + 0.5, Math.round(v.y) + 0.5, Math.round(v.width), Math.round(v.height));
    };
    const schedule = () => {
      frame ??= requestAnimationFrame(paint);
    };
    paintRef.current = schedule;
    schedule();
    const off = store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) schedule();
    });
    return () => {
      off();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [store]);

  useEffect(() => {
    sceneRef.current = scene;
    paintRef.current();
  }, [scene]);

  /** Centres the view on the flow point under the pointer. */
  const moveTo = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const view = drawn.current;
    if (!view) return;
    const r = e.currentTarget.getBoundingClientRect();
    const p = toFlow(view, { x: e.clientX - r.left, y: e.clientY - r.top });
    const s = store.getState();
    const zoom = s.transform[2];
    void rf.setViewport({ x: s.width / 2 - p.x * zoom, y: s.height / 2 - p.y * zoom, zoom });
  };

  return (
    <Panel position="bottom-right" className="minimap" data-testid="minimap">
      <canvas
        ref={ref}
        style={{ width: WIDTH, height: HEIGHT }}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          held.current = drawn.current;
          moveTo(e);
        }}
        onPointerMove={(e) => {
          if (e.currentTarget.hasPointerCapture(e.pointerId)) moveTo(e);
        }}
        onPointerUp={(e) => {
          e.currentTarget.releasePointerCapture(e.pointerId);
          held.current = null;
          paintRef.current();
        }}
        onWheel={(e) => {
          const zoom = store.getState().transform[2];
          void rf.zoomTo(zoom * Math.pow(2, -e.deltaY / 300));
        }}
      />
    </Panel>
  );
}

/** The minimap shows the drawing and the view, whichever reaches further. */
function mapView(scene: LodScene, visible: Rect): View {
  const content = boundsOf(scene.boxes.values());
  const all = boundsOf(content ? [content, visible] : [visible])!;
  return fitRect(all, WIDTH, HEIGHT, 6);
}
