import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shop = readFileSync(join(root, 'shared/parse/fixtures/shop.keel.yaml'), 'utf8');
let dir: string;

/** Runs the real CLI, as a user would. */
function keel(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [join(root, 'bin/keel.mjs'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same, without blocking, so that independent runs overlap. */
function keelAsync(args: string[], cwd: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin/keel.mjs'), ...args], { cwd });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

function file(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return name;
}

const lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
for (const k of 'bcdefghi') lol.push(`${k}: &${k} [${Array(9).fill('*' + String.fromCharCode(k.charCodeAt(0) - 1)).join(',')}]`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-validate-'));
});

describe('keel validate', () => {
  it('exits 0 and prints nothing for valid files, including every template', () => {
    const templates = ['ecommerce-microservices', 'event-driven-orders', 'modular-monolith', 'saas-multitenant-api']
      .map((t) => join(root, 'resources/templates', `${t}.keel.yaml`));
    const r = keel(['validate', file('shop.keel.yaml', shop), ...templates], dir);
    expect(r).toEqual({ code: 0, out: '', err: '' });
  });

  it('rejects each hostile file with one positioned line and exit 1', async () => {
    const cases: [string, string | Buffer, RegExp][] = [
      ['empty.keel.yaml', '', /^empty\.keel\.yaml:1:1: file is empty/],
      ['binary.keel.yaml', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]), /^binary\.keel\.yaml:1:1: file is binary/],
      ['latin1.keel.yaml', Buffer.from('keel: 1\nname: caf\xe9\n', 'latin1'), /^latin1\.keel\.yaml:1:1: file is not UTF-8 text/],
      ['laughs.keel.yaml', `keel: 1\nname: x\nnodes: {}\n${lol.join('\n')}\n`, /^laughs\.keel\.yaml:5:8: aliases expand too much/],
      ['deep.keel.yaml', 'keel: 1\nname: x\nnodes: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n', /^deep\.keel\.yaml:3:\d+: nesting is deeper than 64 levels/],
      ['dup.keel.yaml', 'keel: 1\nname: x\nnodes:\n  a: { kind: service }\n  a: { kind: cache }\n', /^dup\.keel\.yaml:5:3: duplicate key 'a'$/],
      ['v2.keel.yaml', 'keel: 2\nname: x\nnodes: {}\n', /^v2\.keel\.yaml:1:7: unsupported format version 2; this Keel reads version 1$/],
      ['list.keel.yaml', '- keel: 1\n', /^list\.keel\.yaml:1:1: a model must be a YAML mapping/],
    ];
    const runs = await Promise.all(cases.map(([name, content]) => keelAsync(['validate', file(name, content)], dir)));
    for (const [i, [name, , line]] of cases.entries()) {
      const r = runs[i]!;
      expect({ name, code: r.code, err: r.err }).toEqual({ name, code: 1, err: '' });
      const lines = r.out.trim().split('\n');
      expect(lines, name).toHaveLength(1);
      expect(lines[0], name).toMatch(line);
    }
  });

  it('points at the offending key or value for ids, references and unknown keys', () => {
    const bad = shop
      .replace('  shipping:\n', '  ../x:\n')
      .replace('to: gateway,', 'to: gatewy,')
      .replace('replicas: 3', 'replica: 3')
      .replace('request: Order', 'request: Ordr');
    const r = keel(['validate', file('bad.keel.yaml', bad)], dir);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    const at = (needle: string) => {
      const i = bad.indexOf(needle);
      const before = bad.slice(0, i).split('\n');
      return `${before.length}:${before[before.length - 1]!.length + 1}`;
    };
    expect(r.out.trim().split('\n')).toEqual([
      `bad.keel.yaml:${at('replica: 3')}: unknown key 'replica' (did you mean 'replicas'?)`,
      `bad.keel.yaml:${at('Ordr')}: unknown schema 'Ordr' (did you mean 'Order'?)`,
      `bad.keel.yaml:${at('../x:')}: invalid key '../x': must be an id: lower-case letters, digits, ".", "_" or "-", starting with a letter or digit, at most 63 characters`,
      `bad.keel.yaml:${at('gatewy')}: unknown node 'gatewy' (did you mean 'gateway'?)`,
      `bad.keel.yaml:${at('shipping, group')}: unknown node 'shipping'`,
    ]);
  });

  it('exits 2 with one line for missing, folder and oversized files, and still checks the others', () => {
    const big = file('big.keel.yaml', Buffer.alloc(21 * 1024 * 1024, 0x23));
    const r = keel(['validate', 'missing.keel.yaml', '.', big, file('ok.keel.yaml', shop), file('v3.keel.yaml', 'keel: 3\n')], dir);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual([
      'keel: missing.keel.yaml: cannot read file (ENOENT)',
      'keel: .: is a directory, not a model file',
      'keel: big.keel.yaml: file is 21.0 MiB; model files are limited to 20 MiB',
    ]);
    expect(r.out.trim()).toBe('v3.keel.yaml:1:7: unsupported format version 3; this Keel reads version 1');
    expect(r.err + r.out).not.toMatch(/\n\s+at /);
  });

  it('is a usage error (exit 2) without files', () => {
    const r = keel(['validate'], dir);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
