/**
 * Paints the zoomed-out canvas: links on one <canvas>, nodes (cards, kind
 * chips, heat bars, badges, names) on another above it. Both are drawn in
 * flow coordinates under the React Flow transform, at most once per frame,
 * and only what changed is repainted: a heat change repaints the nodes
 * canvas, a pan or a drag both. Shapes of one colour go into one Path2D and
 * are filled with one call, so a thousand nodes cost a few dozen draw calls.
 */
import type { LinkView, NodeView } from '../../analysis/analysis-store';
import type { Box, FlowNode, FrameFlowNode, KindFlowNode, LinkFlowEdge } from '../derive';
import { NAME_ZOOM, overlaps, px, tint, titleBand, visibleFlowRect, type Rect, type View } from './geometry';
import { linkRoute } from './hit';
import { LOD_COLORS, nodeLook, OVERVIEW_ZOOM } from './look';

export interface LodScene {
  nodes: readonly FlowNode[];
  edges: readonly LinkFlowEdge[];
  boxes: ReadonlyMap<string, Box>;
}

/** Where the analysis figures come from (the analysis store). */
export interface LodSource {
  node(id: string): NodeView;
  link(id: string): LinkView;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const NAME_FONT = `600 19px ${FONT}`;
/** Frame names: this many screen pixels high at any zoom (readable in the title band). */
const FRAME_FONT_PX = 12;
const FRAME_COLOR = '#71717a';
const RADIUS = 8;
const CHIP = 32;

/** Same-coloured shapes collected into one path per colour, drawn in the order the layers were made. */
class Layer {
  readonly paths = new Map<string, Path2D>();
  at(color: string): Path2D {
    let p = this.paths.get(color);
    if (!p) this.paths.set(color, (p = new Path2D()));
    return p;
  }
  fill(ctx: CanvasRenderingContext2D) {
    for (const [color, p] of this.paths) {
      ctx.fillStyle = color;
      ctx.fill(p);
    }
  }
  stroke(ctx: CanvasRenderingContext2D) {
    for (const [color, p] of this.paths) {
      ctx.strokeStyle = color;
      ctx.stroke(p);
    }
  }
}

/** Frames come first in the derived nodes: the same frame objects, in order, mean nothing to repaint. */
function sameFrames(a: readonly FlowNode[], b: readonly FlowNode[]): boolean {
  for (let i = 0; ; i++) {
    const x = a[i];
    const y = b[i];
    const fx = x?.type === 'frame';
    const fy = y?.type === 'frame';
    if (!fx || !fy) return fx === fy;
    if (x !== y) return false;
  }
}

export class LodPainter {
  private scene: LodScene = { nodes: [], edges: [], boxes: new Map() };
  private view: View = { x: 0, y: 0, zoom: 1 };
  private width = 0;
  private height = 0;
  private dpr = 1;
  private active = false;
  private dirtyEdges = true;
  private dirtyNodes = true;
  private frame: number | null = null;
  /** The link's route in flow coordinates, kept while its ends stay where they were. */
  private routes = new Map<string, { key: string; path: Path2D }>();
  private names = new Map<string, string>();
  /** How long the last paints took (ms), for the bench and for curiosity. */
  readonly stats = { edgesMs: 0, nodesMs: 0, paints: 0 };

  /** Nodes being dragged: drawn, with their links, on the live canvas alone. */
  private live: ReadonlySet<string> = new Set();
  private dirtyLive = false;
  private liveShown = false;

  constructor(
    private readonly edgesCanvas: HTMLCanvasElement,
    private readonly nodesCanvas: HTMLCanvasElement,
    private readonly liveCanvas: HTMLCanvasElement,
    private readonly source: LodSource,
  ) {
    for (const c of this.canvases()) c.style.display = 'none';
  }

  private canvases() {
    return [this.edgesCanvas, this.nodesCanvas, this.liveCanvas];
  }

  /**
   * The nodes a drag moves. The rest of the drawing is painted once without
   * them, and each drag frame repaints only these and their links on the
   * live canvas: rastering two thousand nodes and three thousand links in
   * software costs more than a frame.
   */
  setLive(ids: ReadonlySet<string>) {
    if (ids.size === this.live.size && [...ids].every((id) => this.live.has(id))) return;
    this.live = ids;
    this.invalidate(true, true);
  }

  setActive(active: boolean) {
    if (active === this.active) return;
    this.active = active;
    for (const c of this.canvases()) c.style.display = active ? '' : 'none';
    if (active) this.invalidate(true, true);
  }

  setScene(scene: LodScene) {
    const edges = scene.edges !== this.scene.edges || scene.boxes !== this.scene.boxes;
    const frames = !sameFrames(scene.nodes, this.scene.nodes);
    this.scene = scene;
    // During a drag only the dragged nodes move: the live canvas alone repaints (and the frames when one lights up as the drop target).
    if (this.live.size) {
      if (frames) this.invalidate(true, false);
      else this.invalidateLive();
    } else this.invalidate(edges || frames, true);
  }

  private invalidateLive() {
    this.dirtyLive = true;
    this.schedule();
  }

  setView(view: View) {
    if (view.x === this.view.x && view.y === this.view.y && view.zoom === this.view.zoom) return;
    this.view = view;
    this.invalidate(true, true);
  }

  setSize(width: number, height: number, dpr: number) {
    if (width === this.width && height === this.height && dpr === this.dpr) return;
    this.width = width;
    this.height = height;
    this.dpr = dpr;
    for (const c of this.canvases()) {
      c.width = Math.max(1, Math.round(width * dpr));
      c.height = Math.max(1, Math.round(height * dpr));
    }
    this.invalidate(true, true);
  }

  /** New analysis figures: the nodes repaint, the links too when what a what-if cuts off changed. */
  analysisChanged(links: boolean) {
    this.invalidate(links, true);
  }

  invalidate(edges: boolean, nodes: boolean) {
    this.dirtyEdges ||= edges;
    this.dirtyNodes ||= nodes;
    // The live canvas shows the dragged nodes over the others: it follows any repaint of them.
    this.dirtyLive ||= this.live.size > 0 || this.liveShown;
    this.schedule();
  }

  private schedule() {
    if (!this.active || this.frame !== null) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.paint();
    });
  }

  dispose() {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
  }

  paint() {
    if (!this.active || !this.width) return;
    const view = visibleFlowRect(this.view, this.width, this.height, 24);
    const live = this.live;
    if (this.dirtyEdges) {
      const t0 = performance.now();
      this.paintEdges(this.begin(this.edgesCanvas), view, 'base');
      this.stats.edgesMs = performance.now() - t0;
    }
    if (this.dirtyNodes) {
      const t0 = performance.now();
      this.paintNodes(this.begin(this.nodesCanvas), view, 'base');
      this.stats.nodesMs = performance.now() - t0;
    }
    if (this.dirtyLive) {
      const ctx = this.begin(this.liveCanvas);
      if (live.size) {
        this.paintEdges(ctx, view, 'live');
        this.paintNodes(ctx, view, 'live');
      }
      this.liveShown = live.size > 0;
    }
    this.dirtyEdges = this.dirtyNodes = this.dirtyLive = false;
    this.stats.paints++;
  }

  private begin(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const { x, y, zoom } = this.view;
    const d = this.dpr;
    ctx.setTransform(d * zoom, 0, 0, d * zoom, d * x, d * y);
    return ctx;
  }

  private route(e: LinkFlowEdge, a: Box, b: Box): Path2D {
    const sh = e.sourceHandle ?? 'r';
    const th = e.targetHandle ?? 'l';
    const key = `${a.x},${a.y},${a.width},${a.height},${b.x},${b.y},${b.width},${b.height},${sh},${th}`;
    const cached = this.routes.get(e.id);
    if (cached && cached.key === key) return cached.path;
    // The same route React Flow draws at full detail, so nothing jumps when the zoom crosses over.
    const d = linkRoute(e, a, b);
    const path = new Path2D(d);
    this.routes.set(e.id, { key, path });
    return path;
  }

  /** The links on the base canvas (neither end dragged) or on the live one (an end dragged). */
  private paintEdges(ctx: CanvasRenderingContext2D, view: Rect, part: 'base' | 'live') {
    const z = this.view.zoom;
    const overview = z < OVERVIEW_ZOOM;
    const liveOnly = part === 'live';
    const moving = this.live;
    if (!liveOnly) this.paintFrames(ctx, view);
    const solid = new Layer();
    const dashed = new Layer();
    const strong = new Layer();
    const { edges, boxes } = this.scene;
    const live = new Set<string>();
    for (const e of edges) {
      const a = boxes.get(e.source);
      const b = boxes.get(e.target);
      if (!a || !b) continue;
      live.add(e.id);
      if ((moving.has(e.source) || moving.has(e.target)) !== liveOnly) continue;
      const x0 = Math.min(a.x, b.x) - 20;
      const y0 = Math.min(a.y, b.y) - 20;
      const bbox = {
        x: x0,
        y: y0,
        width: Math.max(a.x + a.width, b.x + b.width) + 20 - x0,
        height: Math.max(a.y + a.height, b.y + b.height) + 20 - y0,
      };
      if (!overlaps(bbox, view)) continue;
      const path = this.route(e, a, b);
      const affected = this.source.link(e.id).affected;
      // Far out, dashes are sub-pixel noise that cost the most to raster: every link is a plain line.
      const layer = e.selected || affected ? strong : e.data?.mode === 'sync' || overview ? solid : dashed;
      layer.at(e.selected ? LOD_COLORS.edgeSelected : affected ? LOD_COLORS.affected : LOD_COLORS.edge).addPath(path);
    }
    if (this.routes.size > live.size * 2)
      for (const id of this.routes.keys()) if (!live.has(id)) this.routes.delete(id);
    // Hundreds of links overlap at this scale: drawn light, one stroke per colour (overlaps do not darken).
    ctx.globalAlpha = 0.5;
    ctx.lineWidth = px(1, z);
    solid.stroke(ctx);
    ctx.setLineDash([px(4, z), px(3, z)]);
    dashed.stroke(ctx);
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    ctx.lineWidth = px(1.75, z);
    strong.stroke(ctx);
  }

  /** Context frames, under the links: a tinted card with a title band (what a pointer grabs, see FrameNode) and its name. */
  private paintFrames(ctx: CanvasRenderingContext2D, view: Rect) {
    const z = this.view.zoom;
    const fills = new Layer();
    const bands = new Layer();
    const borders = new Layer();
    const targets = new Layer();
    const titled: { n: FrameFlowNode; band: Rect; color: string }[] = [];
    for (const n of this.scene.nodes) {
      if (n.type !== 'frame') break;
      const b = { x: n.position.x, y: n.position.y, width: n.width ?? 0, height: n.height ?? 0 };
      const band = titleBand(b, z);
      if (!overlaps(b, view) && !overlaps(band, view)) continue;
      const color = n.data.color && /^#[0-9a-f]{6}$/i.test(n.data.color) ? n.data.color : FRAME_COLOR;
      fills.at(tint(color, 0.05, LOD_COLORS.canvas)).roundRect(b.x, b.y, b.width, b.height, 12);
      bands.at(tint(color, 0.16, LOD_COLORS.canvas)).roundRect(band.x, band.y, band.width, band.height, [12, 12, 0, 0]);
      (n.data.dropTarget || n.selected ? targets : borders)
        .at(n.data.dropTarget || n.selected ? LOD_COLORS.accent : tint(color, 0.32))
        .roundRect(b.x, b.y, b.width, b.height, 12);
      titled.push({ n, band, color });
    }
    fills.fill(ctx);
    bands.fill(ctx);
    ctx.lineWidth = px(1, z);
    borders.stroke(ctx);
    if (targets.paths.size) {
      ctx.lineWidth = px(1.5, z);
      ctx.setLineDash([px(5, z), px(4, z)]);
      targets.stroke(ctx);
      ctx.setLineDash([]);
    }
    // Far out, a hundred names in large flow fonts cost the repaint of a drag more than they tell.
    if (z < NAME_ZOOM / 1.5) return;
    ctx.textBaseline = 'middle';
    for (const { n, band, color } of titled) {
      const size = Math.min(px(FRAME_FONT_PX, z), band.height * 0.7);
      const inset = Math.max(12, px(8, z));
      ctx.font = `600 ${size}px ${FONT}`;
      ctx.fillStyle = tint(color, 0.8, '#000000');
      ctx.fillText(
        this.fitName(ctx, n.data.name, (n.width ?? 0) - 2 * inset),
        band.x + inset,
        band.y + band.height / 2,
      );
    }
  }

  /** The nodes on the base canvas (not dragged) or on the live one (dragged). */
  private paintNodes(ctx: CanvasRenderingContext2D, view: Rect, part: 'base' | 'live') {
    const liveOnly = part === 'live';
    const z = this.view.zoom;
    const halos = new Layer();
    const bodies = new Layer();
    const borders = new Map<number, Layer>();
    const chips = new Layer();
    const tracks = new Layer();
    const bars = new Layer();
    const rings = new Layer();
    const badges = new Layer();
    const named: KindFlowNode[] = [];
    const withNames = z >= NAME_ZOOM;
    const overview = z < OVERVIEW_ZOOM;
    const barH = Math.max(6, px(2, z));
    const badgeR = Math.max(9, px(overview ? 2.5 : 3.5, z));
    const halo = px(3, z);
    for (const n of this.scene.nodes) {
      if (n.type !== 'kind' || this.live.has(n.id) !== liveOnly) continue;
      const x = n.position.x;
      const y = n.position.y;
      const w = n.width ?? 0;
      const h = n.height ?? 0;
      if (x > view.x + view.width || y > view.y + view.height || x + w < view.x || y + h < view.y) continue;
      const look = nodeLook(n.data.kind, this.source.node(n.id), !!n.selected, overview);
      if (look.halo) halos.at(look.halo).roundRect(x - halo, y - halo, w + 2 * halo, h + 2 * halo, RADIUS + halo);
      if (overview) {
        // A few pixels on screen: square corners look the same and raster far cheaper.
        bodies.at(look.fill).rect(x, y, w, h);
        if (look.border !== look.fill || look.halo) {
          let border = borders.get(look.borderPx);
          if (!border) borders.set(look.borderPx, (border = new Layer()));
          border.at(look.border).rect(x, y, w, h);
        }
        chips.at(look.chip).rect(x + 10, y + (h - CHIP) / 2, CHIP, CHIP);
      } else {
        bodies.at(look.fill).roundRect(x, y, w, h, RADIUS);
        let border = borders.get(look.borderPx);
        if (!border) borders.set(look.borderPx, (border = new Layer()));
        border.at(look.border).roundRect(x, y, w, h, RADIUS);
        chips.at(look.chip).roundRect(x + 10, y + (h - CHIP) / 2, CHIP, CHIP, 7);
      }
      if (look.bar) {
        const by = y + h - barH - Math.min(4, barH / 2);
        tracks.at(look.bar.track).roundRect(x + 6, by, w - 12, barH, barH / 2);
        if (look.bar.u > 0)
          bars.at(look.bar.fill).roundRect(x + 6, by, Math.max(barH, (w - 12) * look.bar.u), barH, barH / 2);
      }
      if (look.ring) rings.at(LOD_COLORS.critical).roundRect(x - 7, y - 7, w + 14, h + 14, RADIUS + 5);
      if (look.badge) {
        // A subpath of its own per dot, or the fill would join them up.
        const dot = badges.at(look.badge);
        dot.moveTo(x + w - 2 + badgeR, y + 2);
        dot.arc(x + w - 2, y + 2, badgeR, 0, Math.PI * 2);
      }
      if (withNames) named.push(n);
    }
    halos.fill(ctx);
    bodies.fill(ctx);
    for (const [w, layer] of borders) {
      ctx.lineWidth = px(w, z);
      layer.stroke(ctx);
    }
    chips.fill(ctx);
    tracks.fill(ctx);
    bars.fill(ctx);
    if (rings.paths.size) {
      ctx.lineWidth = Math.max(3, px(1.5, z));
      ctx.setLineDash([Math.max(8, px(4, z)), Math.max(6, px(3, z))]);
      rings.stroke(ctx);
      ctx.setLineDash([]);
    }
    if (badges.paths.size) {
      badges.fill(ctx);
      ctx.lineWidth = px(1.5, z);
      badges.paths.forEach((p) => {
        ctx.strokeStyle = LOD_COLORS.canvas;
        ctx.stroke(p);
      });
    }
    if (named.length) {
      ctx.font = NAME_FONT;
      ctx.fillStyle = LOD_COLORS.text;
      ctx.textBaseline = 'middle';
      for (const n of named) {
        const w = n.width ?? 0;
        ctx.fillText(this.fitName(ctx, n.data.name, w - 62), n.position.x + 52, n.position.y + (n.height ?? 0) / 2 - 1);
      }
    }
  }

  /** The name cut with an ellipsis to fit (measured once per name and width). */
  private fitName(ctx: CanvasRenderingContext2D, name: string, max: number): string {
    const key = `${ctx.font}|${max}|${name}`;
    let s = this.names.get(key);
    if (s !== undefined) return s;
    s = name;
    if (ctx.measureText(s).width > max) {
      let lo = 0;
      let hi = name.length;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (ctx.measureText(`${name.slice(0, mid)}…`).width <= max) lo = mid;
        else hi = mid - 1;
      }
      s = `${name.slice(0, lo)}…`;
    }
    if (this.names.size > 20_000) this.names.clear();
    this.names.set(key, s);
    return s;
  }
}
