/** `keel export`, run as the real command (`node bin/keel.mjs export ...`) in a temporary folder. */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const KEEL = join(ROOT, 'bin', 'keel.mjs');
const TEMPLATES = join(ROOT, 'resources', 'templates');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-export-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keel(...args: string[]) {
  const r = spawnSync(process.execPath, [KEEL, 'export', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tree(d: string, prefix = ''): string[] {
  return readdirSync(d, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? tree(join(d, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

const templates = readdirSync(TEMPLATES)
  .filter((f) => f.endsWith('.keel.yaml'))
  .sort();

describe('keel export', () => {
  it.each(templates)('writes the full package of %s into DIR and nothing elsewhere', (template) => {
    const before = readdirSync(dir).sort();
    const outName = `pkg-${template.replace('.keel.yaml', '')}`;
    const r = keel(join(TEMPLATES, template), '--out', outName);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Wrote \d+ files/);
    expect(readdirSync(dir).sort()).toEqual([...before, outName].sort());
    const files = tree(join(dir, outName));
    for (const must of [
      'README.md',
      'report.html',
      'architecture.mmd',
      'asyncapi.yaml',
      'analysis.json',
      'analysis.sarif',
      'model.keel.yaml',
      'observability/alerts.yaml',
      '.keel-package.json',
    ]) {
      expect(files, must).toContain(must);
    }
    const source = readFileSync(join(TEMPLATES, template), 'utf8');
    expect(readFileSync(join(dir, outName, 'model.keel.yaml'), 'utf8')).toBe(source);
    const analysis = JSON.parse(readFileSync(join(dir, outName, 'analysis.json'), 'utf8')) as { summary: object };
    expect(analysis.summary).toHaveProperty('maxScale');
    expect(files.some((f) => f.startsWith('openapi/') || f.startsWith('proto/'))).toBe(true);
    expect(files.filter((f) => f.startsWith('decisions/')).length).toBeGreaterThan(0);
  });

  it('re-export into the same folder succeeds and keeps the file set', () => {
    const t = join(TEMPLATES, templates[0]!);
    expect(keel(t, '--out', 'again').code).toBe(0);
    const first = tree(join(dir, 'again'));
    const r = keel(t, '--out', 'again');
    expect(r.code).toBe(0);
    expect(tree(join(dir, 'again'))).toEqual(first);
  });

  it('an invalid model gives FILE:LINE:COL problems, exit 1, and writes nothing', () => {
    writeFileSync(join(dir, 'bad.keel.yaml'), 'keel: 1\nname: Bad\nnodes:\n  api: { kind: servic }\n');
    const r = keel('bad.keel.yaml', '--out', 'bad-out');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^bad\.keel\.yaml:4:\d+: /m);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'bad-out'))).toBe(false);
  });

  it('an unreadable file, a missing --out and an --out that is a file exit 2 with one line', () => {
    const missing = keel('missing.keel.yaml', '--out', 'x');
    expect(missing.code).toBe(2);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    const noOut = keel(join(TEMPLATES, templates[0]!));
    expect(noOut.code).toBe(2);
    expect(noOut.err.trim().split('\n')).toHaveLength(1);
    writeFileSync(join(dir, 'a-file'), 'x');
    const fileOut = keel(join(TEMPLATES, templates[0]!), '--out', 'a-file');
    expect(fileOut.code).toBe(2);
    expect(fileOut.err.trim().split('\n')).toHaveLength(1);
    expect(fileOut.err).toMatch(/not a folder/);
  });

  it('refuses to write through a symlink that leads out of DIR', () => {
    const out = join(dir, 'linked');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(out);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(out, 'decisions'));
    const r = keel(join(TEMPLATES, templates[0]!), '--out', 'linked');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/leads outside/);
    expect(readdirSync(elsewhere)).toEqual([]);
    // Checked before anything was written.
    expect(readdirSync(out)).toEqual(['decisions']);
  });
});
