/**
 * Export benchmark: the whole design package of a generated 200-node model
 * (analysis, ELK layout, SVG, every exporter, both reports), target < 1 s
 * (median after warm-up), timed two ways:
 * - as `keel export` builds it (main/export/build-package.ts): ELK on a worker
 *   thread while this thread analyses and writes the contracts;
 * - all in one thread, stage by stage, to show where the time goes.
 * Writing the package to disk (atomic writes + manifest) is timed apart.
 * Baseline in the same run: bare elkjs with default options on the same graph.
 *
 * Cold: `node bin/keel.mjs export` in a fresh process, as a user runs it (ELK
 * not yet optimised by the JIT, tsx compiling the sources), for the model as
 * generated and for the same model with every node placed (`layout:`, as the
 * studio saves it: drawn at those positions, links routed, no ELK). Beside
 * it: a fresh process doing bare elkjs's first layout of the same graph, and
 * a fresh `keel --version` (the floor any command pays).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ELK from 'elkjs/lib/elk.bundled.js';
import { buildPackage } from '../main/export/build-package';
import { writePackageFiles } from '../main/export/write-package';
import { analyze } from '../shared/analysis';
import { layoutModel, toElkGraph } from '../shared/diagram';
import { createBundledElk } from '../shared/diagram/node-elk';
import { renderSvg } from '../shared/diagram/svg';
import { buildContracts, withReports } from '../shared/export';
import { generateModel } from '../shared/testing/generate-model';

const WARMUP = 2;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);
const TARGET_MS = 1000;

function stats(samples: number[]): { median: number; p90: number; min: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p90: at(0.9), min: s[0]! };
}
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
function line(label: string, samples: number[], extra = ''): void {
  const s = stats(samples);
  console.log(
    `${label.padEnd(46)} median ${fmt(s.median).padStart(9)}  p90 ${fmt(s.p90).padStart(9)}  min ${fmt(s.min).padStart(9)}${extra}`,
  );
}

/** The same graph with every layoutOptions removed: elkjs with its defaults. */
function withoutOptions<T>(node: T): T {
  const { layoutOptions: _drop, children, ...rest } = node as T & { layoutOptions?: unknown; children?: unknown[] };
  return { ...rest, ...(children ? { children: children.map(withoutOptions) } : {}) } as T;
}

const model = generateModel({ nodes: 200, links: 320, seed: 42 });
const elk = createBundledElk();
const bareElk = new ELK();
const bareGraph = withoutOptions(toElkGraph(model));
console.log(
  `model: ${Object.keys(model.nodes).length} nodes, ${model.links!.length} links; ${WARMUP} warm-up + ${RUNS} runs`,
);

/** CPU time of this process in ms (all threads): less sensitive than wall time to other load on the machine. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const cpu: Record<string, number[]> = { sequential: [], layout: [], exporters: [] };
const t: Record<string, number[]> = {
  concurrent: [],
  analysis: [],
  layout: [],
  svg: [],
  contracts: [],
  reports: [],
  sequential: [],
  write: [],
  baseline: [],
};
const dir = mkdtempSync(join(tmpdir(), 'keel-export-bench-'));
let fileCount = 0;
let bytes = 0;
try {
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const keep = i >= WARMUP;
    (globalThis as { gc?: () => void }).gc?.();
    let c0 = performance.now();
    const { files } = await buildPackage(model);
    const concurrent = performance.now() - c0;

    (globalThis as { gc?: () => void }).gc?.();
    const cpu0 = cpuMs();
    const s0 = performance.now();
    const analysis = analyze(model);
    const s1 = performance.now();
    const cpu1 = cpuMs();
    const layout = await layoutModel(model, { elk });
    const s2 = performance.now();
    const cpu2 = cpuMs();
    const svg = renderSvg(model, layout, { analysis });
    const s3 = performance.now();
    const contracts = buildContracts(model, { analysis });
    const s4 = performance.now();
    withReports(model, contracts, { analysis, svg });
    const s5 = performance.now();
    const cpu5 = cpuMs();

    c0 = performance.now();
    writePackageFiles(files, join(dir, 'pkg'));
    const write = performance.now() - c0;
    const b0 = performance.now();
    await bareElk.layout(bareGraph);
    const baseline = performance.now() - b0;
    if (!keep) continue;
    cpu.sequential!.push(cpu5 - cpu0);
    cpu.layout!.push(cpu2 - cpu1);
    cpu.exporters!.push(cpu5 - cpu2 + (cpu1 - cpu0));
    t.concurrent!.push(concurrent);
    t.analysis!.push(s1 - s0);
    t.layout!.push(s2 - s1);
    t.svg!.push(s3 - s2);
    t.contracts!.push(s4 - s3);
    t.reports!.push(s5 - s4);
    t.sequential!.push(s5 - s0);
    t.write!.push(write);
    t.baseline!.push(baseline);
    fileCount = files.size;
    bytes = [...files.values()].reduce((s, c) => s + Buffer.byteLength(c), 0);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** CPU time (user + system) of this process's finished children, in ms: /proc/self/stat fields 16 and 17, in clock ticks. */
function childCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
}
const keel = fileURLToPath(new URL('../bin/keel.mjs', import.meta.url));
function fresh(label: string, args: string[]): void {
  const wall: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const c0 = childCpuMs();
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    wall.push(performance.now() - t0);
    cpuTimes.push(childCpuMs() - c0);
    if (r.status !== 0) throw new Error(`${label}: exit ${r.status}: ${r.stderr}`);
  }
  line(label, wall, `  cpu ${fmt(stats(cpuTimes).median)}`);
}
const total = stats(t.concurrent!).median;
line(
  `whole package, as keel export builds it`,
  t.concurrent!,
  total < TARGET_MS ? `  OK (< ${TARGET_MS} ms)` : `  OVER TARGET (${TARGET_MS} ms)`,
);
line('  same, all in one thread', t.sequential!);
line('    analysis', t.analysis!);
line(
  '    layout (layoutModel, elk.bundled)',
  t.layout!,
  `  (${(stats(t.layout!).median / stats(t.baseline!).median).toFixed(2)}x bare elkjs)`,
);
line('    SVG render', t.svg!);
line('    contracts (OpenAPI, proto, AsyncAPI, SQL, ...)', t.contracts!);
line('    reports (README.md + report.html)', t.reports!);
line('baseline: bare elkjs, default options', t.baseline!);
line('CPU time, all in one thread', cpu.sequential!);
line('  CPU time, layout', cpu.layout!);
line('  CPU time, everything but the layout', cpu.exporters!);
line(`writing ${fileCount} files (${(bytes / 1024).toFixed(0)} KiB) to disk`, t.write!);
const coldDir = mkdtempSync(join(tmpdir(), 'keel-export-cold-'));
try {
  const placed = structuredClone(model);
  const laidOut = await layoutModel(model, { elk });
  placed.layout = Object.fromEntries(Object.entries(laidOut.nodes).map(([id, b]) => [id, { x: b.x, y: b.y }]));
  writeFileSync(join(coldDir, 'model.keel.yaml'), stringify(model));
  writeFileSync(join(coldDir, 'placed.keel.yaml'), stringify(placed));
  writeFileSync(join(coldDir, 'bare.json'), JSON.stringify(bareGraph));
  const elkPath = fileURLToPath(import.meta.resolve('elkjs/lib/elk.bundled.js'));
  const bareScript =
    `const ELK = require(${JSON.stringify(elkPath)}); const g = JSON.parse(require('fs').readFileSync(${JSON.stringify(join(coldDir, 'bare.json'))}, 'utf8'));` +
    `new ELK().layout(g).then(() => process.exit(0));`;
  console.log(`\nfresh processes (median of ${COLD_RUNS}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}):`);
  fresh('keel export, model without positions', [keel, 'export', join(coldDir, 'model.keel.yaml'), '--out', join(coldDir, 'a')]);
  fresh('keel export, every node placed', [keel, 'export', join(coldDir, 'placed.keel.yaml'), '--out', join(coldDir, 'b')]);
  fresh('baseline: bare elkjs, load + first layout', ['-e', bareScript]);
  fresh('floor: keel --version', [keel, '--version']);
} finally {
  rmSync(coldDir, { recursive: true, force: true });
}

process.exit(total < TARGET_MS ? 0 : 1);
