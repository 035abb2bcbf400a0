/**
 * Auto-layout and SVG rendering, in Node with elk.bundled (the studio runs the
 * same code in a Web Worker). Each layout is timed beside a baseline in the
 * same process: bare elkjs on the same graph with default options (no
 * layoutOptions anywhere). Medians over a few runs after four warm-up runs
 * (ELK's compiled Java takes a few layouts before V8 has optimised it: on
 * the 300-node model 2.1 s of CPU in a fresh process, 0.5 s warm); the first
 * run is reported too.
 *
 * Two baselines: bare elkjs with its defaults lays out each context on its
 * own (SEPARATE_CHILDREN) and leaves every link between contexts unrouted, so
 * it draws a different, much smaller picture; bare elkjs with only
 * INCLUDE_CHILDREN set routes them, which is the work layoutModel does.
 * Cold: one layout in a fresh process (the bench runs itself with
 * LAYOUT_BENCH_COLD), as the studio's first layout in a new worker or the CLI.
 *
 * Targets (issue 6): 300 nodes with contexts < 1.5 s, 1,000 nodes < 5 s.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { toElkGraph } from '../shared/diagram/elk-graph';
import { bare } from './elk-baseline';
import { layoutModel } from '../shared/diagram/layout';
import { createBundledElk } from '../shared/diagram/node-elk';
import { renderSvg } from '../shared/diagram/svg';
import { generateModel } from '../shared/testing/generate-model';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);
const elk = createBundledElk();

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Median wall time, and median CPU time of this process (user + system),
 * which a machine shared with other work inflates far less than wall time.
 */
interface Timing {
  wall: number;
  cpu: number;
  /** The first run in this process: ELK's code not yet optimised by the JIT (a fresh worker's first layout). */
  cold: number;
}

async function time(fn: () => Promise<unknown> | unknown, runs = RUNS, warmups = 4): Promise<Timing> {
  const t = performance.now();
  await fn();
  const cold = performance.now() - t;
  for (let i = 1; i < warmups; i++) await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu), cold };
}

/** Bare elkjs, except for the one option that makes it route links between contexts. */
const bareHierarchical = (node: ElkNode): ElkNode => ({
  ...bare(node),
  layoutOptions: { 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' },
});

const fmt = (ms: number) => `${ms >= 1000 ? (ms / 1000).toFixed(2) + ' s' : ms.toFixed(0) + ' ms'}`;
let failed = false;

const graphs = {
  ours: (m: ReturnType<typeof generateModel>) => layoutModel(m, { elk }),
  bare: (m: ReturnType<typeof generateModel>) => elk.layout(bare(toElkGraph(m))),
  'bare-hierarchical': (m: ReturnType<typeof generateModel>) => elk.layout(bareHierarchical(toElkGraph(m))),
};
const benchModel = (nodes: number) => generateModel({ nodes, links: Math.round(nodes * 1.3), seed: 11 });

// Child mode: one layout in this fresh process, printed as JSON for the parent.
if (process.env.LAYOUT_BENCH_COLD) {
  const [what, nodes] = process.env.LAYOUT_BENCH_COLD.split(':') as [keyof typeof graphs, string];
  const model = benchModel(Number(nodes));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await graphs[what](model);
  const c = process.cpuUsage(c0);
  console.log(JSON.stringify({ wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 }));
  process.exit(0);
}

/** Median of `runs` fresh processes, each timing its first layout (ELK loaded before the clock starts). */
function cold(what: keyof typeof graphs, nodes: number, runs = COLD_RUNS): { wall: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
      env: { ...process.env, LAYOUT_BENCH_COLD: `${what}:${nodes}` },
      encoding: 'utf8',
    });
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { wall: number; cpu: number };
    wall.push(out.wall);
    cpu.push(out.cpu);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

console.log(
  `layout (median of ${RUNS} after four warm-up runs; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')})`,
);
for (const [nodes, target] of [
  [300, 1500],
  [1000, 5000],
] as const) {
  const model = benchModel(nodes);
  const contexts = Object.keys(model.contexts ?? {}).length;
  const ours = await time(() => graphs.ours(model));
  const baseline = await time(() => graphs.bare(model));
  const hier = await time(() => graphs['bare-hierarchical'](model));
  const ok = ours.wall < target;
  failed ||= !ok;
  const ratio = (a: Timing, b: Timing) => `${(a.wall / b.wall).toFixed(2)}x wall, ${(a.cpu / b.cpu).toFixed(2)}x cpu`;
  console.log(
    `  ${nodes} nodes, ${model.links!.length} links, ${contexts} contexts, warm:\n` +
      `    layoutModel ${fmt(ours.wall)} (cpu ${fmt(ours.cpu)}; first run ${fmt(ours.cold)}), target < ${fmt(target)}: ${ok ? 'met' : 'MISSED'}\n` +
      `    bare elkjs, default options ${fmt(baseline.wall)} (cpu ${fmt(baseline.cpu)}): ratio ${ratio(ours, baseline)} (links between contexts left unrouted)\n` +
      `    bare elkjs + INCLUDE_CHILDREN ${fmt(hier.wall)} (cpu ${fmt(hier.cpu)}): ratio ${ratio(ours, hier)}`,
  );
  if (nodes <= 300) {
    const c = cold('ours', nodes);
    const cb = cold('bare', nodes);
    const ch = cold('bare-hierarchical', nodes);
    console.log(
      `  ${nodes} nodes, cold (first layout in a fresh process, median of ${COLD_RUNS}):\n` +
        `    layoutModel ${fmt(c.wall)} (cpu ${fmt(c.cpu)})\n` +
        `    bare elkjs, default options ${fmt(cb.wall)} (cpu ${fmt(cb.cpu)}): ${(c.cpu / cb.cpu).toFixed(2)}x cpu\n` +
        `    bare elkjs + INCLUDE_CHILDREN ${fmt(ch.wall)} (cpu ${fmt(ch.cpu)}): ${(c.cpu / ch.cpu).toFixed(2)}x cpu`,
    );
  }
}

{
  const model = generateModel({ nodes: 200, links: 260, seed: 5 });
  const layout = await layoutModel(model, { elk });
  let bytes = 0;
  const svg = await time(
    () => {
      bytes = renderSvg(model, layout).length;
    },
    5,
    1,
  );
  console.log(
    `renderSvg, 200 nodes: ${fmt(svg.wall)} (cpu ${fmt(svg.cpu)}, median of 5), ${(bytes / 1024).toFixed(0)} KiB`,
  );
}

process.exit(failed ? 1 : 0);
