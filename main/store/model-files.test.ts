import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportFile, exportFileName, importFile, modelNameFromFileName, writeFileAtomic } from './model-files';
import { openSqliteStore } from './sqlite-store';
import { StoreError } from './types';

const dir = mkdtempSync(join(tmpdir(), 'keel-model-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('model files', () => {
  it('imports text as a new model or as a revision of one, and exports it back exactly', () => {
    const store = openSqliteStore(join(dir, 'store.db'));
    const text = 'keel: 1\nname: Orders\n# comment kept\n';
    const created = importFile(store, { fileName: '/home/me/designs/Order Pipeline.keel.yaml', text });
    expect(created.summary.name).toBe('Order Pipeline');
    expect(created.head).toMatchObject({ revision: 1, kind: 'import', message: 'Imported Order Pipeline.keel.yaml', yaml: text });

    const into = importFile(store, { fileName: 'C:\\work\\v2.yml', text: `${text}# v2\n`, into: created.summary.id });
    expect(into.summary.id).toBe(created.summary.id);
    expect(into.head).toMatchObject({ revision: 2, kind: 'import', message: 'Imported v2.yml' });
    expect(() => importFile(store, { fileName: 'x.yaml', text, into: 'missing' })).toThrow(StoreError);

    const out = join(dir, 'out.keel.yaml');
    writeFileSync(out, 'old content that must be replaced entirely, not merged');
    expect(exportFile(store, created.summary.id, out)).toEqual({ path: out, bytes: Buffer.byteLength(`${text}# v2\n`) });
    expect(readFileSync(out, 'utf8')).toBe(`${text}# v2\n`);
    exportFile(store, created.summary.id, out, { revision: 1 });
    expect(readFileSync(out, 'utf8')).toBe(text);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    store.close();
  });

  it('leaves the target untouched and no temp file when the write fails', () => {
    const target = join(dir, 'a-folder.keel.yaml');
    // Renaming a file over a non-empty directory fails.
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'x');
    expect(() => writeFileAtomic(target, 'keel: 1\n')).toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(() => writeFileAtomic(join(dir, 'missing-dir', 'x.keel.yaml'), 'keel: 1\n')).toThrow();
  });

  it('derives names from file names and safe file names from model names', () => {
    expect(modelNameFromFileName('shop.keel.yaml')).toBe('shop');
    expect(modelNameFromFileName('../../etc/x.YML')).toBe('x');
    expect(modelNameFromFileName('.keel.yaml')).toBe('Imported model');
    expect(exportFileName('Order Pipeline (v2)')).toBe('order-pipeline-v2.keel.yaml');
    expect(exportFileName('../../etc/passwd')).toBe('etc-passwd.keel.yaml');
    expect(exportFileName('Café Ünïcode')).toBe('cafe-unicode.keel.yaml');
    expect(exportFileName('🚀🚀')).toBe('model.keel.yaml');
    expect(exportFileName('x'.repeat(300))).toBe(`${'x'.repeat(60)}.keel.yaml`);
  });
});
