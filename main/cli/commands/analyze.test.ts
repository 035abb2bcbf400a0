/** `keel analyze` as a user runs it: a real process on real files. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'keel-analyze-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keel(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/keel.mjs'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

// web 400 rps -> orders (2 x 160 = 320 rps): utilization 1.25, capacity.overload (critical).
const overloaded = file(
  'over.keel.yaml',
  `keel: 1
name: Over
nodes:
  web: { kind: client, rps: 400, trust: internal }
  orders:
    kind: service
    replicas: 2
    capacity: { rps: 160 }
    latencyMs: 10
    observability: { liveness: /h, readiness: /r, metrics: /m, tracing: otel }
  cache: { kind: cache, replicas: 2 }
links:
  - { from: web, to: orders }
  - { from: orders, to: cache, timeoutMs: 50, optional: true }
`,
);
// The same at 100 rps: utilization 0.31, only warnings/info remain.
const calm = file('calm.keel.yaml', `keel: 1\nname: Calm\nnodes:\n  web: { kind: client, rps: 100, trust: internal }\n  orders: { kind: service, replicas: 2, capacity: { rps: 160 } }\nlinks:\n  - { from: web, to: orders }\n`);

describe('keel analyze', () => {
  it('prints text with FILE:LINE:COL and exits 1 on a critical finding', () => {
    const r = keel('analyze', overloaded);
    expect(r.code).toBe(1);
    expect(r.out).toContain('over.keel.yaml:5:3: critical capacity.overload orders runs at 1.25x its capacity at 400 rps');
    expect(r.out).not.toContain('\u001b[');
  });

  it('honours --fail-on', () => {
    expect(keel('analyze', calm).code).toBe(0);
    // calm has warnings (missing health, metrics) but nothing critical.
    expect(keel('analyze', calm, '--fail-on', 'warning').code).toBe(1);
    expect(keel('analyze', overloaded, '--fail-on', 'never').code).toBe(0);
  });

  it('writes the section 6 JSON', () => {
    const r = keel('analyze', overloaded, '--format', 'json', '--fail-on', 'never');
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['summary', 'nodes', 'entries', 'findings']));
    expect(Object.keys(json.summary)).toEqual(expect.arrayContaining(['critical', 'warning', 'info', 'maxScale', 'bottleneck']));
    expect(json.nodes.orders).toMatchObject({ load: 400, capacity: 320, utilization: 1.25, latencyMs: null, blastRadius: ['web'] });
    expect(Object.keys(json.nodes.orders)).toEqual(expect.arrayContaining(['load', 'capacity', 'utilization', 'latencyMs', 'availability', 'blastRadius']));
    expect(json.entries.web).toMatchObject({ rps: 400, latencyMs: null });
    expect(json.summary).toMatchObject({ critical: 1, maxScale: 0.8, bottleneck: 'orders' });
    const f = json.findings[0];
    expect(Object.keys(f)).toEqual(expect.arrayContaining(['rule', 'severity', 'nodes', 'links', 'message', 'suggestion', 'suppressed']));
    expect(json.whatIf).toBeUndefined();
  });

  it('writes SARIF pointing at the model file', () => {
    const r = keel('analyze', overloaded, '--format', 'sarif');
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.out);
    expect(sarif.version).toBe('2.1.0');
    const res = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'capacity.overload');
    expect(res.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'over.keel.yaml', index: 0 }, region: { startLine: 5, startColumn: 3 } });
  });

  it('runs what-if with --load and --fail', () => {
    // calm at 100 rps x 4 = 400 rps on 320: overloaded, so exit 1.
    const loaded = keel('analyze', calm, '--load', '4', '--format', 'json');
    expect(loaded.code).toBe(1);
    const json = JSON.parse(loaded.out);
    expect(json.nodes.orders.load).toBe(400);
    expect(json.whatIf).toMatchObject({ loadFactor: 4, failed: [] });

    const failed = JSON.parse(keel('analyze', overloaded, '--fail', 'cache', 'orders', '--format', 'json', '--fail-on', 'never').out);
    expect(failed.whatIf).toMatchObject({ failed: ['cache', 'orders'], downEntries: ['web'] });
    const survive = JSON.parse(keel('analyze', overloaded, '--fail', 'cache', '--format', 'json', '--fail-on', 'never').out);
    // orders -> cache is optional: web survives.
    expect(survive.whatIf).toMatchObject({ downEntries: [], survivingEntries: ['web'], affectedNodes: ['cache'] });
    const text = keel('analyze', overloaded, '--fail', 'cache', '--load', '0.5').out;
    expect(text).toContain('what if: load x0.5, cache down');
  });

  it('prints positioned problems and exits 1 for an invalid model', () => {
    const bad = file('bad.keel.yaml', 'keel: 1\nname: Bad\nnodes:\n  a: { kind: service, replicas: 0 }\n');
    const r = keel('analyze', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^bad\.keel\.yaml:4:\d+: /m);
    expect(r.out).toBe('');
  });

  it('exits 2 with one line for unreadable files and usage errors', () => {
    const missing = keel('analyze', 'nope.keel.yaml');
    expect(missing.code).toBe(2);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    expect(keel('analyze', calm, '--format', 'xml').code).toBe(2);
    expect(keel('analyze', calm, '--fail-on', 'sometimes').code).toBe(2);
    expect(keel('analyze', calm, '--load', '-1').code).toBe(2);
    const unknown = keel('analyze', calm, '--fail', 'ghost');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('ghost');
    expect(missing.err + unknown.err).not.toMatch(/at .*\.ts:\d+/);
  });
});
