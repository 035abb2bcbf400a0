/** writePackageFiles / writeDesignPackage on real folders: containment, symlinks, atomic replace, clean re-export. */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyze } from '../../shared/analysis';
import { shopModel } from '../../shared/export/fixtures/shop';
import type { Model } from '../../shared/model/types';
import { PackagePathError, writeDesignPackage, writePackageFiles } from './write-package';

let base: string;
let out: string;
let outside: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'keel-pkg-'));
  out = join(base, 'out');
  outside = join(base, 'outside');
  mkdirSync(outside);
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

/** Every file under `dir`, relative, sorted. */
function tree(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? tree(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

describe('writeDesignPackage', () => {
  it('writes every file of the package and a manifest, leaving no temporary files', () => {
    const res = writeDesignPackage(shopModel, out, { analysis: analyze(shopModel) });
    const written = res.files.map((f) => f.path).sort();
    expect(tree(out)).toEqual(['.keel-package.json', ...written].sort());
    expect(written).toContain('openapi/orders.yaml');
    expect(written).toContain('decisions/0001-publish-order-events-to-kafka.md');
    const manifest = JSON.parse(readFileSync(join(out, '.keel-package.json'), 'utf8')) as {
      files: Record<string, string>;
    };
    expect(Object.keys(manifest.files).sort()).toEqual(written);
    for (const f of res.files) expect(readFileSync(join(out, f.path)).length).toBe(f.bytes);
  });

  it('re-export removes the stale files it wrote, keeps edited ones and never touches others', () => {
    writeDesignPackage(shopModel, out);
    writeFileSync(join(out, 'decisions', 'my-notes.md'), 'mine');
    writeFileSync(join(out, 'NOTES.txt'), 'mine too');
    // The second ADR is edited by hand; the first is not.
    writeFileSync(join(out, 'decisions', '0002-use-postgresql-for-orders.md'), 'edited');
    const smaller: Model = { ...shopModel, decisions: [], nodes: { ...shopModel.nodes } };
    delete (smaller.nodes as Record<string, unknown>)['shipping'];
    smaller.links = shopModel.links!.filter((l) => l.from !== 'shipping' && l.to !== 'shipping');
    const res = writeDesignPackage(smaller, out);
    expect(res.removed.sort()).toEqual(['decisions/0001-publish-order-events-to-kafka.md', 'proto/shipping.proto']);
    expect(res.kept).toEqual(['decisions/0002-use-postgresql-for-orders.md']);
    expect(existsSync(join(out, 'proto'))).toBe(false); // emptied folder pruned
    expect(readFileSync(join(out, 'decisions', 'my-notes.md'), 'utf8')).toBe('mine');
    expect(readFileSync(join(out, 'NOTES.txt'), 'utf8')).toBe('mine too');
    expect(readFileSync(join(out, 'decisions', '0002-use-postgresql-for-orders.md'), 'utf8')).toBe('edited');
  });

  it('replaces files by rename: a reader holding the old file still reads the old content', () => {
    writePackageFiles(new Map([['README.md', 'old content']]), out);
    const fd = openSync(join(out, 'README.md'), 'r');
    try {
      writePackageFiles(new Map([['README.md', 'new content, longer than before']]), out);
      const buf = Buffer.alloc(64);
      const n = readSync(fd, buf, 0, 64, 0);
      expect(buf.subarray(0, n).toString()).toBe('old content');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('new content, longer than before');
  });

  it('refuses paths that leave the folder, before writing anything', () => {
    for (const bad of [
      '../evil.md',
      'a/../../evil.md',
      '/etc/evil',
      'a//b',
      'a\\..\\b',
      './x',
      'C:/x',
      '.keel-package.json',
    ]) {
      expect(
        () =>
          writePackageFiles(
            new Map([
              ['README.md', 'x'],
              [bad, 'evil'],
            ]),
            out,
          ),
        bad,
      ).toThrow(PackagePathError);
    }
    expect(existsSync(join(out, 'README.md'))).toBe(false);
    expect(tree(base).filter((p) => p.includes('evil'))).toEqual([]);
  });

  it('refuses a symlinked folder that leads outside, follows one that stays inside', () => {
    mkdirSync(out);
    symlinkSync(outside, join(out, 'openapi'));
    expect(() => writeDesignPackage(shopModel, out)).toThrow(/leads outside/);
    expect(readdirSync(outside)).toEqual([]);
    rmSync(join(out, 'openapi'));
    mkdirSync(join(out, 'real'));
    symlinkSync(join(out, 'real'), join(out, 'openapi'));
    writeDesignPackage(shopModel, out);
    expect(readdirSync(join(out, 'real'))).toEqual(['orders.yaml']);
  });

  it('replaces a symlinked file instead of writing through it', () => {
    mkdirSync(out);
    writeFileSync(join(outside, 'target.md'), 'outside');
    symlinkSync(join(outside, 'target.md'), join(out, 'README.md'));
    writePackageFiles(new Map([['README.md', 'inside']]), out);
    expect(readFileSync(join(outside, 'target.md'), 'utf8')).toBe('outside');
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('inside');
  });

  it('ignores a tampered manifest that names files outside the folder', () => {
    mkdirSync(out);
    writeFileSync(join(outside, 'victim.txt'), 'keep me');
    const hash = createHash('sha256').update('keep me').digest('hex');
    writeFileSync(
      join(out, '.keel-package.json'),
      JSON.stringify({ generator: 'keel', version: 1, files: { '../outside/victim.txt': hash } }),
    );
    writePackageFiles(new Map([['README.md', 'x']]), out);
    expect(readFileSync(join(outside, 'victim.txt'), 'utf8')).toBe('keep me');
  });

  it('refuses an output path that is a file', () => {
    writeFileSync(join(base, 'file'), 'x');
    expect(() => writePackageFiles(new Map([['README.md', 'x']]), join(base, 'file'))).toThrow(/not a folder/);
  });
});
