import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../analysis/types';
import type { Model } from '../model';
import { generateModel } from '../testing/generate-model';
import { layoutModel } from './layout';
import { createBundledElk } from './node-elk';
import { escapeXml, renderSvg } from './svg';
import { shop } from './test-fixtures';

const elk = createBundledElk();
const XSS = '<img src=x onerror=alert(1)>';

/** Every element name in a parsed document (preserveOrder form), depth first. */
function elementNames(nodes: unknown[]): string[] {
  const names: string[] = [];
  for (const n of nodes as Record<string, unknown>[]) {
    for (const [key, value] of Object.entries(n)) {
      if (key === ':@' || key === '#text') continue;
      names.push(key);
      if (Array.isArray(value)) names.push(...elementNames(value));
    }
  }
  return names;
}

/** All text content of a parsed document, entities decoded. */
function texts(nodes: unknown[]): string[] {
  const out: string[] = [];
  for (const n of nodes as Record<string, unknown>[]) {
    for (const [key, value] of Object.entries(n)) {
      if (key === '#text') out.push(String(value));
      else if (Array.isArray(value)) out.push(...texts(value));
    }
  }
  return out;
}

const parse = (svg: string) =>
  new XMLParser({ preserveOrder: true, ignoreAttributes: false, processEntities: true, htmlEntities: false }).parse(svg) as unknown[];

describe('renderSvg', () => {
  it('escapes every text from the model', async () => {
    const hostile: Model = {
      keel: 1,
      name: `Shop ${XSS}`,
      description: 'Ends a CDATA ]]> and has & ampersands, "quotes" and \'apostrophes\'\u0001',
      contexts: { sales: { name: `<script>alert(1)</script>`, description: 'a ]]> b & c', color: '#22c55e' } },
      nodes: {
        evil: { kind: 'service', name: XSS, description: ']]><svg onload=alert(1)>&amp;', tech: '<b>Go</b>', context: 'sales' },
        db: { kind: 'database', name: 'DB & co' },
        topic: { kind: 'topic', name: '"><foreignObject>' },
      },
      links: [
        { from: 'evil', to: 'db', protocol: '<tcp>&"' },
        { from: 'evil', to: 'topic', message: 'Order' },
      ],
    };
    const layout = await layoutModel(hostile, { elk });
    const svg = renderSvg(hostile, layout, { title: `Title ${XSS}` });
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = parse(svg);
    const names = new Set(elementNames(doc));
    for (const bad of ['img', 'script', 'b', 'foreignObject']) expect(names.has(bad), bad).toBe(false);
    for (const good of ['svg', 'text', 'rect', 'path', 'title']) expect(names.has(good), good).toBe(true);
    // The hostile strings are shown as text (some truncated to fit their box, never dropped).
    const all = texts(doc).join('\n');
    expect(all).toContain(`Title ${XSS}`);
    expect(all).toContain('Ends a CDATA ]]> and has & ampersands');
    expect(all).toContain(`${XSS} — ]]><svg onload=alert(1)>&amp;`); // the node's tooltip
    expect(all).toContain('<tcp>&"');
    expect(all).toContain('<script>');
    expect(all).not.toContain('\u0001');
  });

  it('escapeXml leaves nothing XML would read as markup', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('ok\u0000\u0008\uFFFE\uD800')).toBe('ok');
    expect(escapeXml('emoji 🚀 stays')).toBe('emoji 🚀 stays');
  });

  it('draws every node, context and link, sync solid and async dashed, sized to the layout', async () => {
    const layout = await layoutModel(shop, { elk });
    const svg = renderSvg(shop, layout);
    expect(XMLValidator.validate(svg)).toBe(true);
    for (const id of Object.keys(shop.nodes)) expect(svg).toContain(`class="node ${shop.nodes[id]!.kind}" data-id="${id}"`);
    expect(svg).toContain('data-id="storefront"');
    expect(svg).toContain('data-id="ordering"');
    const edges = [...svg.matchAll(/<path class="edge (sync|async)" data-id="([^"]+)"[^>]*>/g)];
    expect(edges.map((m) => m[2])).toHaveLength(shop.links!.length);
    const modeOf = Object.fromEntries(edges.map((m) => [m[2]!.replace(/&gt;/g, '>'), m]));
    expect(modeOf['orders->order-events']![1]).toBe('async');
    expect(modeOf['orders->order-events']![0]).toContain('stroke-dasharray');
    expect(modeOf['order-events->shipping']![1]).toBe('async');
    expect(modeOf['gateway->orders']![1]).toBe('sync');
    expect(modeOf['gateway->orders']![0]).not.toContain('stroke-dasharray');
    expect(modeOf['gateway->orders']![0]).toContain('marker-end="url(#arrow-sync)"');
    // The view box holds every node.
    const [x, y, w, h] = svg.match(/viewBox="([^"]+)"/)![1]!.split(' ').map(Number) as [number, number, number, number];
    for (const b of Object.values(layout.nodes)) {
      expect(b.x).toBeGreaterThanOrEqual(x);
      expect(b.y).toBeGreaterThanOrEqual(y);
      expect(b.x + b.width).toBeLessThanOrEqual(x + w);
      expect(b.y + b.height).toBeLessThanOrEqual(y + h);
    }
  });

  it('colours nodes by utilisation when given an analysis, and explains it in the legend', async () => {
    const layout = await layoutModel(shop, { elk });
    const figures = (utilization: number | null) => ({ load: 1, capacity: 1, utilization, latencyMs: 1, availability: 99.9, blastRadius: [] });
    const analysis: AnalysisResult = {
      summary: { critical: 0, warning: 0, info: 0, maxScale: 1, bottleneck: 'orders' },
      nodes: { orders: figures(1.2), catalog: figures(0.85), web: figures(0.1), gateway: figures(null) },
      entries: {},
      findings: [],
    };
    const svg = renderSvg(shop, layout, { analysis });
    const node = (id: string) => svg.match(new RegExp(`<g class="node [a-z]+" data-id="${id}"[^]*?</g>`))![0];
    expect(node('orders')).toContain('stroke:#dc2626');
    expect(node('orders')).toContain('>120%</text>');
    expect(node('catalog')).toContain('stroke:#ea580c');
    expect(node('web')).toContain('>10%</text>');
    expect(node('web')).not.toContain('stroke:#');
    expect(node('gateway')).not.toContain('%</text>');
    expect(svg).toContain('overload');
    expect(renderSvg(shop, layout)).not.toContain('overload');
  });

  it('renders an empty model', async () => {
    const empty: Model = { keel: 1, name: 'Empty', nodes: {} };
    const svg = renderSvg(empty, await layoutModel(empty, { elk }));
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('0 nodes');
  });

  it('draws a link from a node to itself as a loop', async () => {
    const model: Model = { ...shop, links: [...shop.links!, { from: 'orders', to: 'orders', async: true }] };
    const svg = renderSvg(model, await layoutModel(model, { elk }));
    expect(svg).toMatch(/<path class="edge async" data-id="orders-&gt;orders" d="M[^"]+"/);
  });

  it('renders a 200-node model to valid XML', async () => {
    const model = generateModel({ nodes: 200, links: 260, seed: 2 });
    const svg = renderSvg(model, await layoutModel(model, { elk }));
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg.match(/<g class="node /g)).toHaveLength(200);
  });
});
