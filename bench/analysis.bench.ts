/**
 * Analysis benchmark (issue 4 targets):
 *   - 10,000 nodes + 30,000 links analysed: < 300 ms
 *   - re-analysis of a 1,000-node model after a one-field edit: < 20 ms
 *   - growth 1,000 -> 10,000 nodes: close to linear (ratio near 10x)
 * Medians after warm-up. Baseline in the same run: the cheapest complete
 * pass over the same graph (adjacency + one iterative Tarjan SCC), i.e. the
 * floor any analysis of the model has to pay.
 */
import { cpus, loadavg } from 'node:os';
import { analyze } from '../shared/analysis';
import { buildGraph } from '../shared/analysis/graph';
import { tarjan } from '../shared/analysis/scc';
import type { Model } from '../shared/model/types';
import { generateModel } from '../shared/testing/generate-model';

const gc = (globalThis as { gc?: () => void }).gc;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** CPU time (user + system) of the last `time` call's median run: on a shared, loaded machine wall time overstates the cost. */
let lastCpu = 0;

function time(runs: number, warmup: number, f: (i: number) => unknown): number {
  for (let i = 0; i < warmup; i++) f(i);
  gc?.();
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    f(i);
    samples.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  lastCpu = median(cpu);
  return median(samples);
}

const baseline = (m: Model) => {
  const g = buildGraph(m);
  const succ = g.out.map((ls) => ls.map((li) => g.links[li]!.to).filter((t) => t >= 0));
  return tarjan(g.ids.length, (v) => succ[v]!);
};

/**
 * Second baseline: only building as many finding objects (two-id subject,
 * one link, two messages with numbers) as the analysis reports. On the
 * generated models most of the work is findings, so this is the floor of
 * any engine that reports them.
 */
const findingFloor = (count: number, ids: string[]) => {
  const out = [];
  for (let k = 0; k < count; k++) {
    const a = ids[k % ids.length]!;
    const b = ids[(k * 7) % ids.length]!;
    out.push({
      rule: 'resilience.timeout-inversion',
      severity: 'warning',
      nodes: [a, b],
      links: [`${a}->${b}`],
      message: `${a}->${b} gives up after ${(k * 1.5).toFixed(0)} ms, but ${b}->${a} may take ${(k * 3.1).toFixed(0)} ms: ${a} abandons requests ${b} is still working on.`,
      suggestion: `Lower ${b}->${a}'s timeoutMs under ${(k / 3).toFixed(0)} ms, or raise ${a}->${b}'s above ${k} ms.`,
      suppressed: false,
    });
  }
  return out;
};

const ms = (x: number) => `${x.toFixed(1)} ms`;
const rows: string[][] = [];
const report = (name: string, value: number, target: number | null, extra = '') =>
  rows.push([name, ms(value), `cpu ${ms(lastCpu)}`, target === null ? '' : `< ${target} ms ${value < target ? 'ok' : 'MISSED'}`, extra]);

// 1. 10,000 nodes + 30,000 links.
const big = generateModel({ nodes: 10_000, links: 30_000, seed: 7 });
const result = analyze(big);
const bigBase = time(7, 3, () => baseline(big));
const bigFloor = time(7, 3, () => findingFloor(result.findings.length, Object.keys(big.nodes)));
// Last, so that the CPU figure reported beside it is its own.
const bigTime = time(7, 3, () => analyze(big));
report(
  '10,000 nodes / 30,000 links',
  bigTime,
  300,
  `baselines: graph + SCC ${ms(bigBase)} (${(bigTime / bigBase).toFixed(1)}x); building ${result.findings.length} findings alone ${ms(bigFloor)} (${(bigTime / bigFloor).toFixed(1)}x)`,
);

// 2. One-field edits on a 1,000-node model: each run analyses a model that differs in one field
// (replicas of one node, rps of one client, or calls of one link), as the canvas does on every edit.
const small = generateModel({ nodes: 1_000, links: 3_000, seed: 11 });
const ids = Object.keys(small.nodes);
const clients = ids.filter((id) => small.nodes[id]!.kind === 'client');
const edited = (i: number): Model => {
  switch (i % 3) {
    case 0: {
      const id = ids[(i * 37) % ids.length]!;
      return { ...small, nodes: { ...small.nodes, [id]: { ...small.nodes[id]!, replicas: 1 + (i % 5) } } };
    }
    case 1: {
      const id = clients[i % clients.length]!;
      return { ...small, nodes: { ...small.nodes, [id]: { ...small.nodes[id]!, rps: 100 + i } } as Model['nodes'] };
    }
    default: {
      const links = [...small.links!];
      const k = (i * 101) % links.length;
      links[k] = { ...links[k]!, calls: 1 + (i % 4) / 2 };
      return { ...small, links };
    }
  }
};
const smallBase = time(30, 10, () => baseline(small));
// The edited models are built beforehand: the edit is the canvas's work, the re-analysis is ours.
const edits = Array.from({ length: 40 }, (_, i) => edited(i));
const editTime = time(30, 10, (i) => analyze(edits[i]!));
report('1,000-node re-analysis after a one-field edit', editTime, 20, `baseline ${ms(smallBase)}`);

// 3. Growth 1,000 -> 10,000 nodes (3 links per node).
const smallTime = time(15, 5, () => analyze(small));
report('1,000 nodes / 3,000 links', smallTime, null, `growth to 10,000 nodes: ${(bigTime / smallTime).toFixed(1)}x (linear = 10x; baseline ${(bigBase / smallBase).toFixed(1)}x)`);

console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores; medians of wall and CPU time after warm-up`);
const width = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(width[c]!)).join('  ').trimEnd());
