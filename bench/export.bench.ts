/**
 * Export benchmark: the whole design package of a generated 200-node model
 * (analysis, ELK layout, SVG, every exporter, the reports) in one process,
 * target < 1 s (median after warm-up). Figures per stage beside the total, and
 * writing the package to a temporary folder (atomic writes + manifest) apart.
 * Baseline in the same run: bare elkjs with default options on the same graph.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ELK from 'elkjs/lib/elk.bundled.js';
import { analyze } from '../shared/analysis';
import { layoutModel, toElkGraph, type DiagramLayout } from '../shared/diagram';
import { createBundledElk } from '../shared/diagram/node-elk';
import { buildDesignPackage } from '../shared/export';
import type { Model } from '../shared/model/types';
import { generateModel } from '../shared/testing/generate-model';
import { writePackageFiles } from '../main/export/write-package';

const WARMUP = 3;
const RUNS = 10;
const TARGET_MS = 1000;

type Render = (model: Model, layout: DiagramLayout) => string;
/** shared/diagram's SVG renderer, when it exists. */
async function svgRenderer(): Promise<Render | undefined> {
  const path = '../shared/diagram/svg';
  try {
    const mod = (await import(path as string)) as { renderSvg?: Render };
    return mod.renderSvg;
  } catch {
    return undefined;
  }
}

function stats(samples: number[]): { median: number; p90: number; min: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p90: at(0.9), min: s[0]! };
}
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
function line(label: string, samples: number[], extra = ''): void {
  const s = stats(samples);
  console.log(`${label.padEnd(44)} median ${fmt(s.median).padStart(9)}  p90 ${fmt(s.p90).padStart(9)}  min ${fmt(s.min).padStart(9)}${extra}`);
}

const model = generateModel({ nodes: 200, links: 320, seed: 42 });
const renderSvg = await svgRenderer();
const elk = createBundledElk();
const bareElk = new ELK();
console.log(`model: ${Object.keys(model.nodes).length} nodes, ${model.links!.length} links; SVG renderer ${renderSvg ? 'present' : 'ABSENT (layout timed, SVG left out)'}; ${WARMUP} warm-up + ${RUNS} runs`);

/** The same graph with every layoutOptions removed: elkjs with its defaults. */
function withoutOptions<T>(node: T): T {
  const { layoutOptions: _drop, children, ...rest } = node as T & { layoutOptions?: unknown; children?: unknown[] };
  return { ...rest, ...(children ? { children: children.map(withoutOptions) } : {}) } as T;
}
const bareGraph = withoutOptions(toElkGraph(model));

const stages: Record<string, number[]> = { analysis: [], layout: [], svg: [], exporters: [], total: [], write: [], baseline: [] };
const dir = mkdtempSync(join(tmpdir(), 'keel-export-bench-'));
let fileCount = 0;
let bytes = 0;
try {
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t0 = performance.now();
    const analysis = analyze(model);
    const t1 = performance.now();
    const layout = await layoutModel(model, { elk });
    const t2 = performance.now();
    const svg = renderSvg ? renderSvg(model, layout) : undefined;
    const t3 = performance.now();
    const files = buildDesignPackage(model, { analysis, ...(svg ? { svg } : {}) });
    const t4 = performance.now();
    writePackageFiles(files, join(dir, 'pkg'));
    const t5 = performance.now();
    const b0 = performance.now();
    await bareElk.layout(bareGraph);
    const b1 = performance.now();
    if (i < WARMUP) continue;
    stages.analysis!.push(t1 - t0);
    stages.layout!.push(t2 - t1);
    stages.svg!.push(t3 - t2);
    stages.exporters!.push(t4 - t3);
    stages.total!.push(t4 - t0);
    stages.write!.push(t5 - t4);
    stages.baseline!.push(b1 - b0);
    fileCount = files.size;
    bytes = [...files.values()].reduce((s, c) => s + Buffer.byteLength(c), 0);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

line('analysis', stages.analysis!);
line('layout (layoutModel, elk.bundled)', stages.layout!, `  (${(stats(stages.layout!).median / stats(stages.baseline!).median).toFixed(2)}x bare elkjs)`);
line('baseline: bare elkjs layout, same graph', stages.baseline!);
line('SVG render', stages.svg!);
line(`exporters (${fileCount} files, ${(bytes / 1024).toFixed(0)} KiB)`, stages.exporters!);
const total = stats(stages.total!).median;
line('whole package in memory', stages.total!, total < TARGET_MS ? `  OK (< ${TARGET_MS} ms)` : `  OVER TARGET (${TARGET_MS} ms)`);
line('writing it to disk (atomic, manifest)', stages.write!);
process.exit(total < TARGET_MS ? 0 : 1);
