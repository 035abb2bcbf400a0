import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseModel } from '../../shared/parse';
import { writeModel } from '../../shared/write';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shop = readFileSync(join(root, 'shared/parse/fixtures/shop.keel.yaml'), 'utf8');
let dir: string;
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

/** Runs the real CLI, as a user would. */
function keel(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [join(root, 'bin/keel.mjs'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-fmt-'));
});

describe('keel fmt', () => {
  it('--check lists files that would change, exits 1 and writes nothing', () => {
    writeFileSync(join(dir, 'shop.keel.yaml'), shop);
    const canonical = writeModel(parseModel(shop, 'x').model!, { schemaUrl: '../../../resources/keel.schema.json' });
    writeFileSync(join(dir, 'canonical.keel.yaml'), canonical);
    const r = keel(['fmt', '--check', 'shop.keel.yaml', 'canonical.keel.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toBe('shop.keel.yaml: not in canonical form (run keel fmt shop.keel.yaml)\n');
    expect(read('shop.keel.yaml')).toBe(shop);
    expect(keel(['fmt', '--check', 'canonical.keel.yaml'], dir)).toEqual({ code: 0, out: '', err: '' });
  });

  it('rewrites to the canonical form, keeps the $schema line, and is then stable', () => {
    writeFileSync(join(dir, 'shop.keel.yaml'), shop);
    const r = keel(['fmt', 'shop.keel.yaml'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toBe('formatted shop.keel.yaml\n');
    expect(r.err).toMatch(/^keel: shop\.keel\.yaml: \d+ comments dropped/);
    const text = read('shop.keel.yaml');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../resources/keel.schema.json');
    expect(parseModel(text, 'x').model).toEqual(parseModel(shop, 'x').model);
    expect(keel(['fmt', '--check', 'shop.keel.yaml'], dir).code).toBe(0);
    // Atomic write: no temporary file left behind.
    expect(readdirSync(dir)).toEqual(['shop.keel.yaml']);
  });

  it('reports invalid files like validate and leaves them untouched', () => {
    const bad = shop.replace('to: gateway,', 'to: gatewy,');
    writeFileSync(join(dir, 'bad.keel.yaml'), bad);
    writeFileSync(join(dir, 'dup.keel.yaml'), 'keel: 1\nname: x\nnodes: {}\nname: y\n');
    const r = keel(['fmt', 'bad.keel.yaml', 'dup.keel.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.out.trim().split('\n')).toEqual([
      expect.stringMatching(/^bad\.keel\.yaml:\d+:\d+: unknown node 'gatewy' \(did you mean 'gateway'\?\)$/),
      "dup.keel.yaml:4:1: duplicate key 'name'",
    ]);
    expect(read('bad.keel.yaml')).toBe(bad);
  });

  it('exits 2 for a missing file', () => {
    const r = keel(['fmt', 'nope.keel.yaml'], dir);
    expect(r).toEqual({ code: 2, out: '', err: 'keel: nope.keel.yaml: cannot read file (ENOENT)\n' });
  });
});
