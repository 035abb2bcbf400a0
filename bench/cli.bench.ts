/**
 * CLI start-up benchmark: fresh `keel` processes, as a user runs them.
 * - `keel --version` (the floor every command pays),
 * - `keel validate` on a shipped template,
 * - `keel export` of a generated 200-node model (ELK layout on its worker).
 * Each command runs from the esbuild bundle (dist/cli, `npm run build:cli`;
 * KEEL_CLI=bundle) and from the sources through tsx (KEEL_CLI=tsx, the
 * fallback when the bundle is missing or stale), plus once through the
 * default path (bin/keel.mjs checks the bundle's freshness first).
 * Baseline in the same run: `node -e 0`, a bare Node start-up.
 *
 * `-- --before DIR` also times DIR/bin/keel.mjs, e.g. an older checkout
 * extracted with `git archive <commit> bin main shared resources package.json`
 * (with node_modules linked), for a before/after comparison.
 *
 * Wall time, median (min) of RUNS processes after one warm-up (file cache),
 * and the median CPU time (user + system, from /usr/bin/time where it
 * exists), which other load on the shared machine disturbs far less. The
 * load average is printed beside the figures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { cliBundleIsFresh } from '../bin/cli-bundle.mjs';
import { generateModel } from '../shared/testing/generate-model';
import { writeModel } from '../shared/write';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'keel.mjs');
const RUNS = Number(process.env.RUNS ?? 5);
const beforeAt = process.argv.indexOf('--before');
const BEFORE = beforeAt > 0 ? process.argv[beforeAt + 1] : undefined;

if (!existsSync(join(ROOT, 'dist', 'cli', 'keel.mjs'))) {
  console.error('bench/cli: no dist/cli/keel.mjs; run `npm run build:cli` first');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'keel-cli-bench-'));
const generated = join(work, 'gen200.keel.yaml');
writeFileSync(generated, writeModel(generateModel({ nodes: 200, links: 320, seed: 42 })));
const template = join(ROOT, 'resources', 'templates', 'ecommerce-microservices.keel.yaml');

const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);
const CPU_MARK = 'keel-bench-cpu';

interface Timing {
  median: number;
  min: number;
  cpu?: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time(args: string[], env: Record<string, string> = {}, runs = RUNS): Timing {
  const once = () => {
    const [cmd, argv] = hasTime
      ? [TIME, ['-f', `${CPU_MARK} %U %S`, process.execPath, ...args]]
      : [process.execPath, args];
    const t = performance.now();
    const r = spawnSync(cmd, argv, { cwd: work, env: { ...process.env, ...env }, encoding: 'utf8' });
    const ms = performance.now() - t;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    const m = new RegExp(`${CPU_MARK} ([\\d.]+) ([\\d.]+)`).exec(r.stderr);
    return { ms, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined };
  };
  once(); // warm-up: file cache, not JIT (every run is a new process)
  const all = Array.from({ length: runs }, once);
  const walls = all.map((a) => a.ms);
  const cpus = all.flatMap((a) => (a.cpu === undefined ? [] : [a.cpu]));
  return { median: median(walls), min: Math.min(...walls), ...(cpus.length ? { cpu: median(cpus) } : {}) };
}

const fmt = (t: Timing) =>
  `${t.median.toFixed(0).padStart(5)} ms (min ${t.min.toFixed(0)})` +
  (t.cpu === undefined ? '' : `, cpu ${t.cpu.toFixed(0).padStart(5)} ms`);
/** a/b by CPU time when known (steadier on a loaded machine), else by wall time. */
const ratio = (a: Timing, b: Timing) => (a.cpu && b.cpu ? a.cpu / b.cpu : a.median / b.median).toFixed(1);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

console.log(`load average before: ${load()}; ${RUNS} runs each after one warm-up`);
console.log(`dist/cli bundle fresh (the default path uses it): ${cliBundleIsFresh(ROOT)}`);
const node = time(['-e', '0']);
console.log(`baseline  node -e 0                        ${fmt(node)}`);

const commands: [string, string[], number][] = [
  ['--version', ['--version'], RUNS],
  ['validate (template)', ['validate', template], RUNS],
  ['export (200 nodes)', ['export', generated, '--out', join(work, 'out')], Math.max(3, Math.ceil(RUNS / 2))],
];
for (const [name, args, runs] of commands) {
  const bundle = time([BIN, ...args], { KEEL_CLI: 'bundle' }, runs);
  const auto = time([BIN, ...args], {}, runs);
  const tsx = time([BIN, ...args], { KEEL_CLI: 'tsx' }, runs);
  console.log(`keel ${name}`);
  console.log(
    `  bundle                                  ${fmt(bundle)}  ${(bundle.median / node.median).toFixed(1)}x node`,
  );
  console.log(`  default (freshness check + bundle)      ${fmt(auto)}`);
  console.log(`  sources through tsx                     ${fmt(tsx)}  bundle is ${ratio(tsx, bundle)}x faster`);
  if (BEFORE) {
    const before = time([join(BEFORE, 'bin', 'keel.mjs'), ...args], {}, runs);
    console.log(`  before (${BEFORE})  ${fmt(before)}  now ${ratio(before, auto)}x faster`);
  }
}
console.log(`load average after: ${load()}; bundle still fresh: ${cliBundleIsFresh(ROOT)}`);
rmSync(work, { recursive: true, force: true });
