/**
 * The exported Mermaid sources (architecture.mmd and the ER diagrams inside
 * README.md) parse and render with mermaid's own browser bundle in headless
 * Chromium, for every template, the fixture and a model full of hostile text;
 * the hostile node name renders as text. report.html opens with no console
 * error, no CSP violation and no element from model text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../shared/analysis';
import { buildDesignPackage } from '../shared/export';
import { mermaidFlowchart, mermaidIds } from '../shared/export/mermaid';
import { shopModel } from '../shared/export/fixtures/shop';
import type { Model } from '../shared/model/types';
import { parseModel } from '../shared/parse';
import { generateModel } from '../shared/testing/generate-model';
import { CHROMIUM_ARGS, REPO_ROOT } from './harness';

const XSS = '<img src=x onerror=alert(1)>';
const hostile: Model = {
  keel: 1,
  name: XSS,
  contexts: { c: { name: `${XSS} "]] end` } },
  nodes: {
    web: { kind: 'client', name: 'end', rps: 1 },
    api: { kind: 'service', name: XSS, context: 'c', tech: '`x` "]]); graph', description: '</script>' },
    db: {
      kind: 'database',
      name: 'subgraph',
      engine: 'postgres',
      tables: {
        t: { columns: { id: { type: 'uuid', primaryKey: true } } },
        u: { columns: { t_id: { type: 'uuid', references: 't.id' } } },
      },
    },
    q: { kind: 'queue', name: '-->|x|', messages: { M: {} } },
  },
  links: [
    { from: 'web', to: 'api', protocol: '"]]<b>x</b>' },
    { from: 'api', to: 'db', timeoutMs: 10 },
    { from: 'api', to: 'q', message: 'M' },
  ],
};

/**
 * [nodes, seed, contextSize]: the first five, drawn with every context side by side, broke mermaid's layout
 * ("Cannot set properties of undefined (setting 'order')"); the last two have two contexts only.
 */
const GENERATED: [number, number, number?][] = [
  [80, 5],
  [80, 4],
  [80, 7],
  [150, 3],
  [150, 10],
  [30, 1],
  [80, 5, 40],
  [150, 4, 75],
];

/**
 * The smallest flowchart (reduced from the seed-5 model) on which mermaid 11 still fails: four subgraphs with
 * links across their borders, side by side, that interleave over the ranks. If this starts to render, mermaid
 * has fixed its ordering and mermaid.ts need not wrap contexts in pairs any more.
 */
const DAGRE_ORDER_BUG = `flowchart LR
  a
  b
  c
  d
  e
  f
  g
  h
  i
  j
  k
  l
  m
  n
  o
  p
  q
  subgraph S1
    r
    s
    t
  end
  subgraph S2
    u
    v
    w
    x
    y
  end
  subgraph S3
    z
    a1
    b1
  end
  subgraph S4
    c1
    d1
  end
  a --> b
  c --> d
  a1 --> y
  b --> r
  e --> f
  g --> d
  b --> h
  i --> z
  j --> k
  e --> z
  s --> l
  l --> i
  g --> w
  b1 --> c
  g --> a1
  m --> n
  w --> o
  b1 --> g
  d1 --> p
  p --> m
  w --> r
  a --> f
  v --> b
  o --> c1
  k --> e
  u --> q
  c --> n
  g --> k
  p --> x
`;

/** The reproducer as a Keel model: each subgraph a context, every node a service. */
function reproducerModel(): Model {
  const model: Model = { keel: 1, name: 'dagre order bug', contexts: {}, nodes: {}, links: [] };
  let context: string | undefined;
  for (const line of DAGRE_ORDER_BUG.split('\n')
    .slice(1)
    .map((l) => l.trim())) {
    const link = /^(\w+) --> (\w+)$/.exec(line);
    if (link) model.links!.push({ from: link[1]!, to: link[2]! });
    else if (line.startsWith('subgraph ')) model.contexts![(context = line.slice(9))] = {};
    else if (line === 'end') context = undefined;
    else if (line) model.nodes[line] = { kind: 'service', ...(context ? { context } : {}) };
  }
  return model;
}

function cases(): [string, Model][] {
  const dir = join(REPO_ROOT, 'resources', 'templates');
  const templates = readdirSync(dir)
    .filter((f) => f.endsWith('.keel.yaml'))
    .map((f): [string, Model] => [f, parseModel(readFileSync(join(dir, f), 'utf8'), f).model!]);
  return [
    ...templates,
    ['fixture', shopModel],
    ...GENERATED.map(([nodes, seed, contextSize]): [string, Model] => [
      `generated ${nodes} nodes, seed ${seed}${contextSize ? `, contexts of ${contextSize}` : ''}`,
      generateModel({ nodes, links: Math.round(nodes * 1.5), seed, ...(contextSize ? { contextSize } : {}) }),
    ]),
    ['generated compounding', generateModel({ nodes: 80, links: 120, seed: 5, shape: 'compounding' })],
    ['the reduced reproducer', reproducerModel()],
    ['hostile', hostile],
  ];
}

/** Mermaid sources inside a Markdown document's ```mermaid fences. */
function mermaidBlocks(md: string): string[] {
  return [...md.matchAll(/^(`{3,})mermaid\n([\s\S]*?)\n\1$/gm)].map((m) => m[2]!);
}

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
beforeAll(async () => {
  // Not launchBrowser(): this test needs no built renderer.
  browser = await chromium.launch({
    executablePath: process.env.KEEL_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
  await page.addScriptTag({ path: join(REPO_ROOT, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js') });
  await page.evaluate(() =>
    (globalThis as unknown as { mermaid: { initialize(o: object): void } }).mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
    }),
  );
});
afterAll(async () => {
  await browser?.close();
});

/** A drawn subgraph: its id, title and how its box is painted. */
interface Cluster {
  id: string;
  title: string;
  fill: string;
  stroke: string;
}
type Rendered = { ok: true; imgs: number; text: string; clusters: Cluster[] } | { ok: false; error: string };
let renders = 0;
/** Parses and renders one source with mermaid in the page; the SVG is placed in #out. */
function render(src: string): Promise<Rendered> {
  return page.evaluate(
    async ({ src, id }): Promise<Rendered> => {
      const m = (
        globalThis as unknown as {
          mermaid: { parse(t: string): Promise<unknown>; render(id: string, t: string): Promise<{ svg: string }> };
        }
      ).mermaid;
      try {
        await m.parse(src);
        const { svg } = await m.render(id, src);
        const host = document.getElementById('out')!;
        host.innerHTML = svg;
        const clusters = [...host.querySelectorAll('g.cluster')].map((g) => {
          const rect = g.querySelector(':scope > rect');
          const style = rect ? getComputedStyle(rect) : undefined;
          return {
            id: g.id.startsWith(`${id}-`) ? g.id.slice(id.length + 1) : g.id, // mermaid prefixes the render id
            title: g.querySelector(':scope > .cluster-label')?.textContent?.trim() ?? '',
            fill: style?.fill ?? '',
            stroke: style?.stroke ?? '',
          };
        });
        return { ok: true, imgs: host.querySelectorAll('img').length, text: host.textContent ?? '', clusters };
      } catch (e) {
        document.getElementById(id)?.remove(); // a failed render leaves its element behind
        return { ok: false, error: String((e as Error).message ?? e) };
      }
    },
    { src, id: `d${renders++}` },
  );
}

it("mermaid's dagre still fails on interleaving subgraphs side by side (why contexts are wrapped in pairs)", async () => {
  expect(await render(DAGRE_ORDER_BUG)).toEqual({
    ok: false,
    error: "Cannot set properties of undefined (setting 'order')",
  });
  // The same model exported by Keel renders, with the four contexts as boxes (the cases below check the boxes).
  expect(await render(mermaidFlowchart(reproducerModel()))).toMatchObject({ ok: true });
});

describe.each(cases())('Mermaid of %s', (_name, model) => {
  const files = buildDesignPackage(model, { analysis: analyze(model) });
  const sources = [files.get('architecture.mmd')!, ...mermaidBlocks(files.get('README.md')!)];

  it('every diagram parses and renders in mermaid; each context is a titled box, each wrapper invisible', async () => {
    expect(sources.length).toBeGreaterThanOrEqual(2); // the .mmd and its copy in the README
    for (const [i, src] of sources.entries()) {
      const result = await render(src);
      expect(result, src.slice(0, 400)).toMatchObject({ ok: true, imgs: 0 });
      if (i > 0 || !result.ok) continue;
      if (_name === 'hostile') expect(result.text).toContain(XSS);
      const drawn = new Map(result.clusters.map((c) => [c.id, c]));
      const ctxIds = mermaidIds(Object.keys(model.contexts ?? {}), 'ctx_');
      const used = new Set(Object.values(model.nodes).map((n) => n.context));
      for (const [ctx, props] of Object.entries(model.contexts ?? {})) {
        if (!used.has(ctx)) continue;
        const box = drawn.get(ctxIds.get(ctx)!);
        expect(box, ctx).toBeDefined();
        expect(box!.title).toBe(props.name ?? ctx); // no case has a name long enough to be cut
        expect(box!.stroke).not.toBe('none');
      }
      const wrappers = result.clusters.filter((c) => c.id.startsWith('grp_'));
      expect(result.clusters).toHaveLength(used.size - (used.has(undefined) ? 1 : 0) + wrappers.length);
      for (const w of wrappers) expect(w).toMatchObject({ title: '', fill: 'none', stroke: 'none' });
    }
    expect(pageErrors).toEqual([]);
  });
});

/**
 * Generated models swept in this one browser session. KEEL_MERMAID_SWEEP=full sweeps 40, 80, 150 and 300
 * nodes, both shapes, seeds 1-20 (some minutes); the default a quicker slice with smaller and larger contexts.
 */
const SWEEP =
  process.env.KEEL_MERMAID_SWEEP === 'full'
    ? { sizes: [40, 80, 150, 300], seeds: 20, shapes: ['sized', 'compounding'] as const, contextSizes: [10] }
    : { sizes: [40, 80], seeds: 8, shapes: ['sized'] as const, contextSizes: [4, 10] };

describe('Mermaid of generated models', () => {
  it.each(SWEEP.sizes)(
    '%i nodes: every seed, shape and context size renders',
    async (nodes) => {
      const failures: string[] = [];
      for (let seed = 1; seed <= SWEEP.seeds; seed++) {
        for (const shape of SWEEP.shapes) {
          for (const contextSize of SWEEP.contextSizes) {
            const model = generateModel({ nodes, links: Math.round(nodes * 1.5), seed, shape, contextSize });
            const result = await render(mermaidFlowchart(model));
            if (!result.ok) failures.push(`seed ${seed}, ${shape}, contexts of ${contextSize}: ${result.error}`);
          }
        }
      }
      expect(failures).toEqual([]);
    },
    900_000,
  );
});

describe('report.html in Chromium', () => {
  it.each(cases())('%s opens with no error, no CSP violation and no element from model text', async (_name, model) => {
    const html = buildDesignPackage(model, { analysis: analyze(model) }).get('report.html')!;
    const p = await browser.newPage();
    const problems: string[] = [];
    p.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    p.on('pageerror', (e) => problems.push(e.message));
    await p.setContent(html, { waitUntil: 'load' });
    const facts = await p.evaluate(() => ({
      imgs: document.querySelectorAll('img, script, iframe, object, embed').length,
      handlers: [...document.querySelectorAll('*')]
        .flatMap((e) => [...e.attributes].map((a) => a.name))
        .filter((n) => n.startsWith('on')),
      title: document.title,
      h1: document.querySelector('h1')?.textContent,
    }));
    expect(facts.imgs).toBe(0);
    expect(facts.handlers).toEqual([]);
    expect(facts.h1).toBe(model.name);
    expect(problems).toEqual([]);
    await p.close();
  });
});
