import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { Lexer } from 'yaml';
import { parseModel } from '../../shared/parse';
import { writeModel } from '../../shared/write';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shop = readFileSync(join(root, 'shared/parse/fixtures/shop.keel.yaml'), 'utf8');
let dir: string;
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
/** The comment lines of a text, as the YAML lexer sees them, in order. */
const comments = (text: string) => [...new Lexer().lex(text)].filter((t) => t.startsWith('#'));

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

  it('rewrites to the canonical form keeping every comment, and is then stable', () => {
    writeFileSync(join(dir, 'shop.keel.yaml'), shop);
    const r = keel(['fmt', 'shop.keel.yaml'], dir);
    expect(r).toEqual({ code: 0, out: 'formatted shop.keel.yaml\n', err: '' });
    const text = read('shop.keel.yaml');
    expect(text.split('\n').slice(0, 4)).toEqual([
      '# yaml-language-server: $schema=../../../resources/keel.schema.json',
      '# The example of model-format.md section 1, completed so that it validates.',
      'keel: 1 # format version',
      'name: Online shop',
    ]);
    expect(text).toContain('\n    capacity: { rps: 2000 } # per replica\n');
    expect(comments(text)).toEqual(comments(shop));
    expect(parseModel(text, 'x').model).toEqual(parseModel(shop, 'x').model);
    expect(keel(['fmt', '--check', 'shop.keel.yaml'], dir)).toEqual({ code: 0, out: '', err: '' });
    expect(keel(['fmt', 'shop.keel.yaml'], dir)).toEqual({ code: 0, out: '', err: '' });
    expect(read('shop.keel.yaml')).toBe(text);
    // Atomic write: no temporary file left behind.
    expect(readdirSync(dir)).toEqual(['shop.keel.yaml']);
  });

  it('--check counts comments: a misplaced comment makes a file non-canonical, a well-placed one does not', () => {
    const canonical = writeModel(parseModel(shop, 'x').model!);
    const annotated = canonical.replace('\nnodes:\n', '\n# the running parts\nnodes:\n').replace('\n    replicas: 2\n', '\n    replicas: 2 # two for failover\n');
    expect(annotated).not.toBe(canonical);
    writeFileSync(join(dir, 'annotated.keel.yaml'), annotated);
    writeFileSync(join(dir, 'spaced.keel.yaml'), annotated.replace('replicas: 2 # two', 'replicas: 2      # two'));
    writeFileSync(join(dir, 'indented.keel.yaml'), annotated.replace('\n# the running parts\n', '\n # the running parts\n'));
    const r = keel(['fmt', '--check', 'annotated.keel.yaml', 'spaced.keel.yaml', 'indented.keel.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      'spaced.keel.yaml: not in canonical form (run keel fmt spaced.keel.yaml)\nindented.keel.yaml: not in canonical form (run keel fmt indented.keel.yaml)\n',
    );
    expect(keel(['fmt', 'spaced.keel.yaml', 'indented.keel.yaml'], dir).code).toBe(0);
    expect(read('spaced.keel.yaml')).toBe(annotated);
    expect(read('indented.keel.yaml')).toBe(annotated);
  });

  it('passes every template: a model started with keel new is in canonical form, comments and all', () => {
    const templates = readdirSync(join(root, 'resources/templates')).filter((f) => f.endsWith('.keel.yaml'));
    expect(templates.length).toBeGreaterThanOrEqual(4);
    const r = keel(['fmt', '--check', ...templates.map((t) => join(root, 'resources/templates', t))], dir);
    expect(r).toEqual({ code: 0, out: '', err: '' });
    const id = templates[0]!.replace(/\.keel\.yaml$/, '');
    expect(keel(['new', '--template', id, 'mine.keel.yaml'], dir).code).toBe(0);
    expect(keel(['fmt', '--check', 'mine.keel.yaml'], dir)).toEqual({ code: 0, out: '', err: '' });
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
