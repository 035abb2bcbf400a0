/** `keel new`, run as the real command (`node bin/keel.mjs new ...`) in a temporary folder. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseModel } from '../../../shared/parse/index';
import { readTemplate, templateIds } from '../../templates/index';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const KEEL = join(ROOT, 'bin', 'keel.mjs');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-new-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keel(...args: string[]) {
  const r = spawnSync(process.execPath, [KEEL, 'new', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const oneLine = (s: string) => s.trim().split('\n').length === 1;

describe('keel new', () => {
  it('--list prints every template with its description', () => {
    const r = keel('--list');
    expect(r.code).toBe(0);
    for (const id of templateIds()) expect(r.out).toMatch(new RegExp(`^${id}\\s+\\S.*\\d+ nodes`, 'm'));
    expect(r.out).toContain('Choreographed order saga on Kafka');
  });

  it('writes a template that validates, with the schema line pointing at resources/keel.schema.json', () => {
    const r = keel('--template', 'event-driven-orders', 'orders.keel.yaml');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Created orders.keel.yaml from template event-driven-orders');
    const text = readFileSync(join(dir, 'orders.keel.yaml'), 'utf8');
    const { model, problems } = parseModel(text, 'orders.keel.yaml');
    expect(problems).toEqual([]);
    expect(model?.name).toBe('Event-driven order pipeline');

    const schemaRef = /^# yaml-language-server: \$schema=(.+)$/m.exec(text)?.[1];
    expect(resolve(dir, schemaRef!)).toBe(join(ROOT, 'resources', 'keel.schema.json'));
    // Apart from that one comment, the file is the template as shipped.
    const strip = (s: string) => s.replace(/^# yaml-language-server: .*$/m, '');
    expect(strip(text)).toBe(strip(readTemplate('event-driven-orders')));
  });

  it('writes into a sub-folder relative to the working directory', () => {
    mkdirSync(join(dir, 'models'));
    const r = keel('-t', 'modular-monolith', 'models/mono.keel.yaml');
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'models', 'mono.keel.yaml'), 'utf8');
    expect(text).toContain('# yaml-language-server: $schema=../');
    expect(parseModel(text, 'mono.keel.yaml').problems).toEqual([]);
  });

  it('refuses to overwrite an existing file without --force (exit 1), and overwrites with it', () => {
    const file = join(dir, 'mine.keel.yaml');
    writeFileSync(file, 'my own work\n');
    const refused = keel('--template', 'saas-multitenant-api', 'mine.keel.yaml');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/mine\.keel\.yaml already exists; use --force/);
    expect(oneLine(refused.err)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('my own work\n');

    const forced = keel('--template', 'saas-multitenant-api', '--force', 'mine.keel.yaml');
    expect(forced.code).toBe(0);
    expect(parseModel(readFileSync(file, 'utf8'), file).model?.name).toBe('Multi-tenant SaaS API');
  });

  it('exits 2 for an unknown template, listing the valid ones, and writes nothing', () => {
    for (const name of ['shop', '../../package', '/etc/passwd']) {
      const r = keel('--template', name, 'x.keel.yaml');
      expect(r.code).toBe(2);
      expect(oneLine(r.err)).toBe(true);
      expect(r.err).toContain(`unknown template ${JSON.stringify(name)}`);
      for (const id of templateIds()) expect(r.err).toContain(id);
      expect(existsSync(join(dir, 'x.keel.yaml'))).toBe(false);
    }
  });

  it('exits 2 with one line for usage errors and unwritable targets', () => {
    const before = readdirSync(dir).sort();
    const cases: [string[], RegExp][] = [
      [['x.keel.yaml'], /--template NAME is required/],
      [['--template', 'modular-monolith'], /FILE is required/],
      [['--template', 'modular-monolith', 'no/such/folder/x.keel.yaml'], /cannot write .*its folder does not exist/],
      [['--template', 'modular-monolith', '--force', '.'], /is a directory/],
    ];
    for (const [args, message] of cases) {
      const r = keel(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(oneLine(r.err)).toBe(true);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('--help describes the command', () => {
    const r = keel('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('--template <name>');
    expect(r.out).toContain('--force');
  });
});
