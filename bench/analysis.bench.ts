/**
 * Analysis benchmark (issue 4 targets):
 *   - 10,000 nodes + 30,000 links analysed: < 300 ms
 *   - re-analysis of a 1,000-node model after a one-field edit: < 20 ms (the
 *     canvas path: createAnalyzer(), which keeps the graph's indexes and
 *     closures between edits; a full analyze() is reported beside it)
 *   - growth 1,000 -> 10,000 nodes: close to linear (ratio near 10x)
 * The models come from the generator's default shape (a system sized for its
 * load). A stress case without a target keeps the first generator's shape,
 * where loads compound to ~1e270 and tens of thousands of findings come out.
 * Medians after warm-up. Baseline in the same run: the cheapest complete
 * pass over the same graph (adjacency + one iterative Tarjan SCC), i.e. the
 * floor any analysis of the model has to pay.
 */
import { cpus, loadavg } from 'node:os';
import { analyze, createAnalyzer } from '../shared/analysis';
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

// 0. Stress: the compounding shape (no target; regressions show here).
const stress = generateModel({ nodes: 10_000, links: 30_000, seed: 7, shape: 'compounding' });
const stressFindings = analyze(stress).findings.length;
const stressTime = time(5, 2, () => analyze(stress));
report('stress: 10,000 nodes, compounding loads', stressTime, null, `${stressFindings} findings`);

// 1. 10,000 nodes + 30,000 links.
const big = generateModel({ nodes: 10_000, links: 30_000, seed: 7 });
const result = analyze(big);
const bigBase = time(7, 3, () => baseline(big));
const bigFloor = time(7, 3, () => findingFloor(result.findings.length, Object.keys(big.nodes)));
// Last, so that the CPU figure reported beside it is its own.
const bigTime = time(7, 3, () => analyze(big));
const bigCpu = lastCpu;
report(
  '10,000 nodes / 30,000 links',
  bigTime,
  300,
  `${result.findings.length} findings; baselines: graph + SCC ${ms(bigBase)} (${(bigTime / bigBase).toFixed(1)}x); building as many findings alone ${ms(bigFloor)} (${(bigTime / bigFloor).toFixed(1)}x)`,
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
const fullEditTime = time(30, 10, (i) => analyze(edits[i]!));
report('1,000-node full analyze after a one-field edit', fullEditTime, null, `baseline ${ms(smallBase)}`);
const analyzer = createAnalyzer();
const editTime = time(30, 10, (i) => analyzer.analyze(edits[i]!));
report('1,000-node re-analysis after a one-field edit (createAnalyzer)', editTime, 20, `${(fullEditTime / editTime).toFixed(1)}x faster than a full analyze`);
// An edit of the shape (one link made optional) rebuilds the plan: the analyzer's worst case.
const reshaped = Array.from({ length: 40 }, (_, i) => {
  const links = [...small.links!];
  const k = (i * 53) % links.length;
  links[k] = { ...links[k]!, optional: !links[k]!.optional };
  return { ...small, links };
});
const reshapeTime = time(30, 10, (i) => analyzer.analyze(reshaped[i]!));
report('1,000-node re-analysis after a link edit that changes the shape', reshapeTime, null);

// 3. Growth 1,000 -> 10,000 nodes (3 links per node).
const smallTime = time(15, 5, () => analyze(small));
report('1,000 nodes / 3,000 links', smallTime, null, `growth to 10,000 nodes: ${(bigTime / smallTime).toFixed(1)}x wall, ${(bigCpu / lastCpu).toFixed(1)}x cpu (linear = 10x; baseline ${(bigBase / smallBase).toFixed(1)}x)`);

console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores; medians of wall and CPU time after warm-up`);
const width = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(width[c]!)).join('  ').trimEnd());
