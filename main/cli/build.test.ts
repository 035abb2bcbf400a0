/**
 * The `keel` bundle, built for real into a temporary folder and run: the
 * commands work from it (templates, the ELK worker and package.json found
 * beside the sources), start-up loads no exporter, and bin/keel.mjs only
 * trusts a bundle newer than everything it was built from.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateModel } from '../../shared/testing/generate-model';
import { writeModel } from '../../shared/write';
import { cliBundleIsFresh } from '../../bin/cli-bundle.mjs';
import { buildCli, CLI_INPUTS_FILE } from './build';

const ROOT = resolve(__dirname, '../..');
let out: string;
let entry: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'keel-cli-build-'));
  ({ entry } = await buildCli(ROOT, join(out, 'cli')));
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Runs the bundle's main() in a fresh Node process, as bin/keel.mjs does (a script file: workers inherit execArgv). */
function runBundle(args: string[], cwd = out) {
  const runner = join(out, 'run.mjs');
  writeFileSync(
    runner,
    `const { main } = await import(${JSON.stringify(pathToFileURL(entry).href)});\nprocess.exitCode = await main(process.argv.slice(2));\n`,
  );
  return spawnSync(process.execPath, [runner, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
}

/** The files Node loads to start: the entry and what it imports statically, transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(/^import\s[^;]*?from\s*["'](\.\/[^"']+)["']/gm))
    staticClosure(join(dirname(file), m[1]!), seen);
  return seen;
}

describe('CLI bundle', () => {
  it('runs --version, validate, new and export from the bundle', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(runBundle(['--version']).stdout.trim()).toBe(pkg.version);

    const template = join(ROOT, 'resources', 'templates', 'modular-monolith.keel.yaml');
    const valid = runBundle(['validate', template]);
    expect(valid.status, valid.stderr).toBe(0);

    const created = runBundle(['new', '--template', 'realtime-chat', 'chat.keel.yaml']);
    expect(created.status, created.stderr).toBe(0);
    // The schema line points at resources/keel.schema.json from the new file, as from the sources.
    const schemaLine = readFileSync(join(out, 'chat.keel.yaml'), 'utf8').match(/\$schema=(\S+)/)?.[1];
    expect(resolve(out, schemaLine!)).toBe(join(ROOT, 'resources', 'keel.schema.json'));

    // No positions: the layout runs in the ELK worker, which the bundle finds beside the sources.
    const model = generateModel({ nodes: 30, links: 40, seed: 7 });
    delete model.layout;
    writeFileSync(join(out, 'gen.keel.yaml'), writeModel(model));
    const exported = runBundle(['export', 'gen.keel.yaml', '--out', 'pkg']);
    expect(exported.status, exported.stderr).toBe(0);
    expect(readFileSync(join(out, 'pkg', 'architecture.svg'), 'utf8')).toContain('<svg');
    expect(exported.stdout).toMatch(/^Wrote \d+ files/);
  }, 120_000);

  it('starts without loading the parser, exporters, analysis, server or ELK', () => {
    const loaded = [...staticClosure(entry)].map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(loaded).toContain('CliError = class');
    for (const heavy of [
      'function buildContracts',
      'function analyze(',
      'function parseModel(',
      'function startStudio',
      'elkjs',
      'better-sqlite3',
    ]) {
      expect(loaded, heavy).not.toContain(heavy);
    }
    const inputs = JSON.parse(readFileSync(join(out, 'cli', CLI_INPUTS_FILE), 'utf8')) as { inputs: string[] };
    expect(inputs.inputs).toContain('main/cli/index.ts');
    expect(inputs.inputs).toContain('package-lock.json');
    expect(inputs.inputs.some((i) => i.startsWith('node_modules/'))).toBe(false);
  });
});

describe('bin/keel.mjs bundle freshness', () => {
  it('trusts the bundle only while it is newer than every input', () => {
    const root = mkdtempSync(join(tmpdir(), 'keel-fresh-'));
    try {
      expect(cliBundleIsFresh(root)).toBe(false); // no bundle: the sources through tsx
      mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
      mkdirSync(join(root, 'main'));
      const source = join(root, 'main', 'a.ts');
      const bundle = join(root, 'dist', 'cli', 'keel.mjs');
      writeFileSync(source, '');
      writeFileSync(bundle, '');
      expect(cliBundleIsFresh(root)).toBe(false); // no inputs list
      writeFileSync(
        join(root, 'dist', 'cli', CLI_INPUTS_FILE),
        JSON.stringify({ inputs: ['main/a.ts', 'package-lock.json'] }),
      );
      utimesSync(source, 1000, 1000);
      utimesSync(bundle, 2000, 2000);
      expect(cliBundleIsFresh(root)).toBe(true);
      utimesSync(source, 3000, 3000); // an edited source
      expect(cliBundleIsFresh(root)).toBe(false);
      utimesSync(source, 1000, 1000);
      writeFileSync(join(root, 'package-lock.json'), '');
      expect(cliBundleIsFresh(root)).toBe(false); // npm install since the build
      utimesSync(join(root, 'package-lock.json'), 1000, 1000);
      expect(cliBundleIsFresh(root)).toBe(true);
      rmSync(source);
      expect(cliBundleIsFresh(root)).toBe(false); // a source the bundle was built from is gone
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
