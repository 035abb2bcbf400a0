/**
 * Store benchmark on a real SQLite file: a generated model of 2,000 nodes and
 * 5,000 links saved as a revision (target < 50 ms) and opened from the store
 * with its head YAML (target < 50 ms). Baselines in the same run: writing the
 * same bytes to a plain file (temp + fsync + rename) and reading them back.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { writeFileAtomic } from '../main/store/model-files';
import { openSqliteStore } from '../main/store/sqlite-store';
import { generateModel } from '../shared/testing/generate-model';
import type { Model } from '../shared/model/types';

const RUNS = 15;
const TARGET_MS = 50;

/** The canonical writer when it exists (shared/write), else yaml's stringify. */
async function serialiser(): Promise<{ name: string; write: (m: Model) => string }> {
  const canonical = '../shared/write/index';
  try {
    const mod = (await import(canonical as string)) as { writeModel?: (m: Model) => string };
    if (typeof mod.writeModel === 'function') return { name: 'writeModel (shared/write)', write: mod.writeModel };
  } catch {
    // Not written yet.
  }
  return { name: "yaml's stringify", write: (m) => stringify(m) };
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function stats(samples: number[]): { median: number; p90: number; min: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p90: at(0.9), min: s[0]! };
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

function report(label: string, samples: number[], baseline?: number[], target?: number): boolean {
  const s = stats(samples);
  let line = `${label.padEnd(50)} median ${fmt(s.median).padStart(10)}  p90 ${fmt(s.p90).padStart(10)}  min ${fmt(s.min).padStart(10)}`;
  if (baseline) line += `  (${(s.median / stats(baseline).median).toFixed(1)}x baseline)`;
  const ok = target === undefined || s.median < target;
  if (target !== undefined) line += ok ? `  OK (< ${target} ms)` : `  OVER TARGET (${target} ms)`;
  console.log(line);
  return ok;
}

const { name: writerName, write } = await serialiser();
const model = generateModel({ nodes: 2000, links: 5000 });
const yaml = write(model);
const dir = mkdtempSync(join(tmpdir(), 'keel-store-bench-'));
const path = join(dir, 'bench.db');
console.log(`model: 2,000 nodes, 5,000 links, ${(Buffer.byteLength(yaml) / 1024).toFixed(0)} KiB of YAML via ${writerName}; ${RUNS} runs each; file ${path}`);

try {
  const store = openSqliteStore(path);
  const { id } = store.createModel({ name: 'bench', yaml }).summary;
  // Each save differs from the head (a changed last line), as an edit would.
  const variant = (i: number) => `${yaml}# edit ${i}\n`;
  store.saveRevision(id, { yaml: variant(-1), kind: 'save' }); // warm up

  const save = Array.from({ length: RUNS }, (_, i) => time(() => store.saveRevision(id, { yaml: variant(i), kind: 'save' })));
  const autosave = Array.from({ length: RUNS }, (_, i) => time(() => store.saveRevision(id, { yaml: variant(1000 + i), kind: 'autosave' })));
  let opened = '';
  const open = Array.from({ length: RUNS }, () => time(() => void (opened = store.getModel(id).head.yaml)));
  if (opened !== variant(1000 + RUNS - 1)) throw new Error('getModel returned the wrong head');
  store.close();

  // Cold: a new connection each time, including the integrity check on open.
  const cold = Array.from({ length: 5 }, () =>
    time(() => {
      const s = openSqliteStore(path);
      s.getModel(id);
      s.close();
    }),
  );

  const plain = join(dir, 'plain.keel.yaml');
  const fileWrite = Array.from({ length: RUNS }, (_, i) => time(() => writeFileAtomic(plain, variant(i))));
  const fileRead = Array.from({ length: RUNS }, () => time(() => void readFileSync(plain, 'utf8')));

  const okSave = report('saveRevision (new revision, fsynced)', save, fileWrite, TARGET_MS);
  report('saveRevision (autosave coalesced in place)', autosave, fileWrite);
  const okOpen = report('getModel with head YAML', open, fileRead, TARGET_MS);
  report('cold: open store + integrity check + getModel', cold);
  report('baseline: plain file write (temp+fsync+rename)', fileWrite);
  report('baseline: plain file read', fileRead);
  const size = (readFileSync(path).length / 1024 / 1024).toFixed(1);
  console.log(`store file: ${size} MiB`);
  if (!okSave || !okOpen) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
