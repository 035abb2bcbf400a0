import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveStaticFile } from './static-files';

const root = mkdtempSync(join(tmpdir(), 'keel-static-'));
const dist = join(root, 'dist');
mkdirSync(join(dist, 'assets'), { recursive: true });
writeFileSync(join(dist, 'index.html'), 'i');
writeFileSync(join(dist, 'assets', 'a.js'), 'a');
writeFileSync(join(root, 'distsecret'), 's');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('resolveStaticFile', () => {
  it('maps / to index.html and finds assets', () => {
    expect(resolveStaticFile(dist, '/')).toBe(join(dist, 'index.html'));
    expect(resolveStaticFile(dist, '/assets/a.js')).toBe(join(dist, 'assets', 'a.js'));
  });
  it('refuses anything outside the folder, including a sibling with the same prefix', () => {
    for (const p of ['/../distsecret', '/..%2fdistsecret', '/../dist/../distsecret', '/assets', '/%E0%A4%A', '/a\0b']) {
      expect(resolveStaticFile(dist, p), p).toBeNull();
    }
  });
});
