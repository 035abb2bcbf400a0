/**
 * A laid-out model as a static, self-contained SVG (no browser, no fonts to
 * load): context frames, nodes with their kind's icon, routed links with
 * arrowheads and labels, an optional utilisation heat from the analysis, and
 * a legend. Every text that comes from the model is escaped.
 */
import type { AnalysisResult } from '../analysis/types';
import { displayName, linkMode, replicasOf, resolveLinks, thresholdsOf, type Model, type NodeKind, type ResolvedLink } from '../model';
import { BoxIndex, boundsOf } from './geometry';
import { heatColor, ICON_STROKE, ICON_VIEWBOX, KIND_STYLE, kindStyle, LINK_STYLE } from './icons';
import { EDGE_LABEL_FONT, EDGE_LABEL_MAX_WIDTH, fitText, linkLabel, textWidth } from './text';
import type { Box, DiagramLayout, Point } from './types';

export interface SvgOptions {
  /** Adds utilisation heat to nodes that have a capacity. */
  analysis?: AnalysisResult;
  /** Heading above the diagram; defaults to the model's name. */
  title?: string;
}

const FONT = `ui-sans-serif, -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif`;
const MARGIN = 40;
const HEADER = 84;
const DEFAULT_CONTEXT_COLOR = '#64748b';

const CSS = `
svg{font-family:${FONT};}
.bg{fill:#fbfcfd}
.grid{fill:#e2e8f0}
.h-title{font-size:20px;font-weight:650;fill:#0f172a;letter-spacing:-.01em}
.h-desc{font-size:12.5px;fill:#64748b}
.h-meta{font-size:11px;fill:#94a3b8;font-weight:500;letter-spacing:.04em;text-transform:uppercase}
.ctx-box{stroke-width:1.25}
.ctx-name{font-size:13px;font-weight:650;letter-spacing:.01em}
.ctx-desc{font-size:11px;fill:#64748b}
.node-shadow{fill:#0f172a;fill-opacity:.05}
.node-box{fill:#fff;stroke:#cbd5e1;stroke-width:1.25}
.node.external .node-box{stroke-dasharray:5 3;fill:#fcfcfd}
.node-name{font-size:12.5px;font-weight:600;fill:#0f172a}
.node-sub{font-size:11px;fill:#64748b}
.heat-text{font-size:10.5px;font-weight:700;fill:#fff}
.edge{fill:none;stroke-width:1.5;stroke-linejoin:round;stroke-linecap:round}
.edge-label rect{fill:#fff;fill-opacity:.94;stroke:#e2e8f0;stroke-width:.75}
.edge-label text{font-size:10.5px;fill:#475569;font-weight:500}
.lg-title{font-size:10.5px;font-weight:650;fill:#94a3b8;letter-spacing:.06em;text-transform:uppercase}
.lg-text{font-size:11.5px;fill:#475569}
`;

/** XML-escapes text, dropping characters XML 1.0 cannot hold at all. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

const num = (v: number): string => String(Math.round(v * 10) / 10);
const safeColor = (c: string | undefined): string => (c && /^#[0-9a-fA-F]{6}$/.test(c) ? c : DEFAULT_CONTEXT_COLOR);

export function renderSvg(model: Model, layout: DiagramLayout, options: SvgOptions = {}): string {
  const links = resolveLinks(model).filter((l) => layout.nodes[l.from] && layout.nodes[l.to] && model.nodes[l.from] && model.nodes[l.to]);
  const nodeIds = Object.keys(model.nodes).filter((id) => layout.nodes[id]);
  const contextIds = Object.keys(model.contexts ?? {}).filter((id) => layout.contexts[id]);
  const edgePoints = links.flatMap((l) => (layout.edges[l.id]?.points ?? []).map((p) => ({ ...p, width: 0, height: 0 })));
  const content = boundsOf([
    ...nodeIds.map((id) => layout.nodes[id]!),
    ...contextIds.map((id) => layout.contexts[id]!),
    ...edgePoints,
  ]) ?? { x: 0, y: 0, width: 0, height: 0 };

  const kindsUsed = Object.keys(KIND_STYLE).filter((k) => nodeIds.some((id) => model.nodes[id]!.kind === k)) as NodeKind[];
  const width = Math.max(content.width + 2 * MARGIN, 760);
  const x0 = content.x - MARGIN - Math.max(0, (width - content.width - 2 * MARGIN) / 2);
  const legend = legendBlock(kindsUsed, links, model, options.analysis, x0 + MARGIN, width - 2 * MARGIN);
  const y0 = content.y - MARGIN - HEADER;
  const height = HEADER + content.height + 2 * MARGIN + legend.height;
  const legendY = content.y + content.height + MARGIN;

  const out: string[] = [];
  const title = options.title ?? model.name;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${num(x0)} ${num(y0)} ${num(width)} ${num(height)}" width="${num(width)}" height="${num(height)}" role="img" aria-labelledby="keel-title keel-desc">`,
    `<title id="keel-title">${escapeXml(title)}</title>`,
    `<desc id="keel-desc">${escapeXml(model.description ?? `Architecture diagram of ${model.name}`)}</desc>`,
    defs(kindsUsed),
    `<rect class="bg" x="${num(x0)}" y="${num(y0)}" width="${num(width)}" height="${num(height)}"/>`,
    `<rect fill="url(#dots)" x="${num(x0)}" y="${num(y0 + HEADER - 12)}" width="${num(width)}" height="${num(content.height + 2 * MARGIN + 12)}"/>`,
  );

  // Header
  const hx = x0 + MARGIN;
  const meta = [
    plural(nodeIds.length, 'node'),
    plural(links.length, 'link'),
    ...(contextIds.length ? [plural(contextIds.length, 'bounded context')] : []),
  ].join('  ·  ');
  out.push(
    `<g class="header">`,
    `<text class="h-meta" x="${num(hx)}" y="${num(y0 + 26)}">${escapeXml(meta)}</text>`,
    `<text class="h-title" x="${num(hx)}" y="${num(y0 + 52)}">${escapeXml(fitText(title, width - 2 * MARGIN, 20, true))}</text>`,
  );
  if (model.description) {
    out.push(`<text class="h-desc" x="${num(hx)}" y="${num(y0 + 72)}">${escapeXml(fitText(model.description, width - 2 * MARGIN, 12.5))}</text>`);
  }
  out.push(`</g>`);

  // Context frames
  out.push(`<g class="contexts">`);
  for (const id of contextIds) {
    const ctx = model.contexts![id]!;
    const b = layout.contexts[id]!;
    const color = safeColor(ctx.color);
    const name = ctx.name ?? id;
    out.push(
      `<g class="context" data-id="${escapeXml(id)}">`,
      `<rect class="ctx-box" x="${num(b.x)}" y="${num(b.y)}" width="${num(b.width)}" height="${num(b.height)}" rx="16" fill="${color}" fill-opacity="0.05" stroke="${color}" stroke-opacity="0.4"/>`,
      `<rect x="${num(b.x + 16)}" y="${num(b.y + 14)}" width="4" height="${ctx.description ? 30 : 16}" rx="2" fill="${color}"/>`,
      `<text class="ctx-name" x="${num(b.x + 28)}" y="${num(b.y + 27)}" fill="${color}">${escapeXml(fitText(name, b.width - 44, 13, true))}</text>`,
    );
    if (ctx.description) {
      out.push(`<text class="ctx-desc" x="${num(b.x + 28)}" y="${num(b.y + 42)}">${escapeXml(fitText(ctx.description, b.width - 44, 11))}</text>`);
    }
    out.push(`</g>`);
  }
  out.push(`</g>`);

  // Links under the nodes, labels above the links
  const labels: string[] = [];
  const placer = new LabelPlacer(new BoxIndex(nodeIds.map((id) => layout.nodes[id]!)));
  out.push(`<g class="edges">`);
  for (const link of links) {
    // ELK does not route a node's links to itself: a small loop over its top right corner.
    const points = link.from === link.to ? selfLoop(layout.nodes[link.from]!) : layout.edges[link.id]?.points;
    if (!points || points.length < 2) continue;
    const style = linkMode(model, link) === 'sync' ? 'sync' : 'async';
    const s = LINK_STYLE[style];
    out.push(
      `<path class="edge ${style}" data-id="${escapeXml(link.id)}" d="${roundedPath(points, 8)}" stroke="${s.color}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} marker-end="url(#arrow-${style})"/>`,
    );
    const text = linkLabel(link);
    if (text) labels.push(placer.place(text, points, layout.edges[link.id]?.label));
  }
  out.push(`</g>`, `<g class="edge-labels">`, ...labels, `</g>`);

  // Nodes
  const hotspot = thresholdsOf(model).hotspotUtilization;
  out.push(`<g class="nodes">`);
  for (const id of nodeIds) out.push(nodeBlock(model, id, layout.nodes[id]!, options.analysis, hotspot));
  out.push(`</g>`);

  out.push(`<g class="legend" transform="translate(0 ${num(legendY)})">`, legend.svg, `</g>`, `</svg>`);
  return out.join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function defs(kinds: NodeKind[]): string {
  const symbols = kinds.map((k) => {
    return `<symbol id="icon-${k}" viewBox="${ICON_VIEWBOX}"><path d="${KIND_STYLE[k].icon}" fill="none" stroke="currentColor" stroke-width="${ICON_STROKE.width}" stroke-linecap="${ICON_STROKE.linecap}" stroke-linejoin="${ICON_STROKE.linejoin}"/></symbol>`;
  });
  const arrow = (name: string, color: string) =>
    `<marker id="arrow-${name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0.5 1 L9.5 5 L0.5 9 L2.5 5 Z" fill="${color}"/></marker>`;
  return [
    `<defs>`,
    `<style>${CSS}</style>`,
    `<pattern id="dots" width="20" height="20" patternUnits="userSpaceOnUse"><circle class="grid" cx="1" cy="1" r="1"/></pattern>`,
    arrow('sync', LINK_STYLE.sync.color),
    arrow('async', LINK_STYLE.async.color),
    ...symbols,
    `</defs>`,
  ].join('\n');
}

function nodeBlock(model: Model, id: string, b: Box, analysis: AnalysisResult | undefined, hotspot: number): string {
  const node = model.nodes[id]!;
  const style = kindStyle(node.kind);
  const name = displayName(id, node);
  const replicas = replicasOf(node);
  const sub = [node.tech ?? style.label, replicas > 1 ? `×${replicas}` : null].filter(Boolean).join('  ·  ');
  const utilization = analysis?.nodes[id]?.utilization;
  const heat = typeof utilization === 'number' ? heatColor(utilization, hotspot) : null;
  // Calm nodes keep a quiet border; only load worth a look colours the outline.
  const loud = typeof utilization === 'number' && utilization >= 0.5;
  const tile = Math.min(32, b.height - 16);
  const textX = 12 + tile + 10;
  const textWidthMax = b.width - textX - 8;
  const tooltip = [name, node.description, heat !== null ? `utilisation ${Math.round(utilization! * 100)}%` : null]
    .filter(Boolean)
    .join(' — ');
  const parts = [
    `<g class="node ${node.kind}" data-id="${escapeXml(id)}" transform="translate(${num(b.x)} ${num(b.y)})">`,
    `<title>${escapeXml(tooltip)}</title>`,
    `<rect class="node-shadow" y="1.5" width="${num(b.width)}" height="${num(b.height)}" rx="10"/>`,
    `<rect class="node-box" width="${num(b.width)}" height="${num(b.height)}" rx="10"${loud ? ` style="stroke:${heat};stroke-width:2"` : ''}/>`,
    `<rect x="12" y="${num((b.height - tile) / 2)}" width="${num(tile)}" height="${num(tile)}" rx="8" fill="${style.color}" fill-opacity="0.1"/>`,
    `<use href="#icon-${node.kind}" x="${num(12 + (tile - 20) / 2)}" y="${num((b.height - 20) / 2)}" width="20" height="20" color="${style.color}"/>`,
    `<text class="node-name" x="${textX}" y="${num(b.height / 2 - 3)}">${escapeXml(fitText(name, textWidthMax, 12.5, true))}</text>`,
    `<text class="node-sub" x="${textX}" y="${num(b.height / 2 + 13)}">${escapeXml(fitText(sub, textWidthMax, 11))}</text>`,
  ];
  if (heat) {
    const label = `${Math.round(utilization! * 100)}%`;
    const w = Math.max(34, textWidth(label, 10.5, true) + 14);
    parts.push(
      loud
        ? `<rect x="${num(b.width - w - 8)}" y="-9" width="${num(w)}" height="18" rx="9" fill="${heat}"/>`
        : `<rect x="${num(b.width - w - 8)}" y="-9" width="${num(w)}" height="18" rx="9" fill="#fff" stroke="${heat}" stroke-opacity="0.45"/>`,
      `<text class="heat-text" x="${num(b.width - 8 - w / 2)}" y="4" text-anchor="middle"${loud ? '' : ` style="fill:${heat}"`}>${escapeXml(label)}</text>`,
    );
  }
  parts.push(`</g>`);
  return parts.join('');
}

/**
 * Finds a place for each link label: where ELK made room for it, else on a
 * stretch of the route where the chip clears every node and every label
 * placed before it (longest horizontal stretches first, then vertical ones,
 * a few spots along each). A label with no clear spot is left out rather
 * than drawn over a node.
 */
class LabelPlacer {
  private readonly labels = new BoxIndex();

  constructor(private readonly nodes: BoxIndex) {}

  place(text: string, points: Point[], room: Box | undefined): string {
    const shown = fitText(text, EDGE_LABEL_MAX_WIDTH, EDGE_LABEL_FONT);
    const w = textWidth(shown, EDGE_LABEL_FONT) + 12;
    const h = 18;
    const chipAt = (c: Point): Box => ({ x: c.x - w / 2, y: c.y - h / 2, width: w, height: h });
    const candidates: Point[] = room ? [{ x: room.x + room.width / 2, y: room.y + room.height / 2 }] : [];
    const segments = points
      .slice(1)
      .map((q, i) => ({ p: points[i]!, q, horizontal: Math.abs(q.y - points[i]!.y) < 1, length: Math.hypot(q.x - points[i]!.x, q.y - points[i]!.y) }))
      .sort((a, b) => Number(b.horizontal) - Number(a.horizontal) || b.length - a.length);
    for (const { p, q, horizontal, length } of segments) {
      if (length < (horizontal ? w + 8 : h + 8)) continue;
      for (const t of [0.5, 0.3, 0.7, 0.15, 0.85]) candidates.push({ x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t });
    }
    const at = candidates.find((c) => !this.nodes.overlaps(chipAt(c), 2) && !this.labels.overlaps(chipAt(c), 2));
    if (!at) return '';
    this.labels.add(chipAt(at));
    return `<g class="edge-label"><rect x="${num(at.x - w / 2)}" y="${num(at.y - h / 2)}" width="${num(w)}" height="${h}" rx="5"/><text x="${num(at.x)}" y="${num(at.y + 3.5)}" text-anchor="middle">${escapeXml(shown)}</text></g>`;
  }
}

function selfLoop(b: Box): Point[] {
  const right = b.x + b.width;
  return [
    { x: right - 48, y: b.y },
    { x: right - 48, y: b.y - 24 },
    { x: right + 24, y: b.y - 24 },
    { x: right + 24, y: b.y + b.height / 2 },
    { x: right, y: b.y + b.height / 2 },
  ];
}

/** An orthogonal (or any polyline) route with its corners rounded. */
function roundedPath(points: Point[], radius: number): string {
  const d = [`M${num(points[0]!.x)} ${num(points[0]!.y)}`];
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i - 1]!;
    const q = points[i]!;
    const r = points[i + 1]!;
    const inLen = Math.hypot(q.x - p.x, q.y - p.y);
    const outLen = Math.hypot(r.x - q.x, r.y - q.y);
    const k = Math.min(radius, inLen / 2, outLen / 2);
    if (k < 0.5) {
      d.push(`L${num(q.x)} ${num(q.y)}`);
      continue;
    }
    const a = { x: q.x - ((q.x - p.x) / inLen) * k, y: q.y - ((q.y - p.y) / inLen) * k };
    const b = { x: q.x + ((r.x - q.x) / outLen) * k, y: q.y + ((r.y - q.y) / outLen) * k };
    d.push(`L${num(a.x)} ${num(a.y)}`, `Q${num(q.x)} ${num(q.y)} ${num(b.x)} ${num(b.y)}`);
  }
  const last = points[points.length - 1]!;
  d.push(`L${num(last.x)} ${num(last.y)}`);
  return d.join(' ');
}

/** The legend: link styles, the kinds on the diagram, and the heat scale when there is an analysis. */
function legendBlock(
  kinds: NodeKind[],
  links: ResolvedLink[],
  model: Model,
  analysis: AnalysisResult | undefined,
  x: number,
  maxWidth: number,
): { svg: string; height: number } {
  const items: { width: number; svg: (x: number, y: number) => string }[] = [];
  const line = (style: 'sync' | 'async', label: string) => {
    const s = LINK_STYLE[style];
    items.push({
      width: 40 + textWidth(label, 11.5) + 22,
      svg: (ix, iy) =>
        `<path class="edge" d="M${num(ix)} ${num(iy)} L${num(ix + 32)} ${num(iy)}" stroke="${s.color}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} marker-end="url(#arrow-${style})"/>` +
        `<text class="lg-text" x="${num(ix + 40)}" y="${num(iy + 4)}">${escapeXml(label)}</text>`,
    });
  };
  const modes = new Set(links.map((l) => (linkMode(model, l) === 'sync' ? 'sync' : 'async')));
  if (modes.has('sync') || links.length === 0) line('sync', 'Synchronous call');
  if (modes.has('async')) line('async', 'Asynchronous / message');
  for (const k of kinds) {
    const style = KIND_STYLE[k];
    items.push({
      width: 26 + textWidth(style.label, 11.5) + 22,
      svg: (ix, iy) =>
        `<rect x="${num(ix)}" y="${num(iy - 10)}" width="20" height="20" rx="5" fill="${style.color}" fill-opacity="0.1"/>` +
        `<use href="#icon-${k}" x="${num(ix + 3)}" y="${num(iy - 7)}" width="14" height="14" color="${style.color}"/>` +
        `<text class="lg-text" x="${num(ix + 26)}" y="${num(iy + 4)}">${escapeXml(style.label)}</text>`,
    });
  }
  if (analysis) {
    const hot = thresholdsOf(model).hotspotUtilization;
    const pct = (v: number) => `${Math.round(v * 100)}%`;
    for (const [u, label] of [
      [0.1, '< 50% load'],
      [0.5, `50–${pct(hot)}`],
      [hot, `≥ ${pct(hot)} hotspot`],
      [1, '≥ 100% overload'],
    ] as const) {
      items.push({
        width: 18 + textWidth(label, 11.5) + 22,
        svg: (ix, iy) =>
          `<rect x="${num(ix)}" y="${num(iy - 6)}" width="12" height="12" rx="6" fill="${heatColor(u, hot)}"/>` +
          `<text class="lg-text" x="${num(ix + 18)}" y="${num(iy + 4)}">${escapeXml(label)}</text>`,
      });
    }
  }
  const rowHeight = 28;
  const parts = [`<text class="lg-title" x="${num(x)}" y="10">Legend</text>`];
  let cx = x;
  let row = 0;
  for (const item of items) {
    if (cx > x && cx + item.width > x + maxWidth) {
      cx = x;
      row++;
    }
    parts.push(item.svg(cx, 36 + row * rowHeight));
    cx += item.width;
  }
  return { svg: parts.join('\n'), height: 36 + (row + 1) * rowHeight + 8 };
}
