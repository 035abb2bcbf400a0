import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResponse, TemplateSummary } from '../../shared/api/contract';
import { createMemoryStore } from '../store/memory-store';
import { openSqliteStore } from '../store/sqlite-store';
import type { ModelStore } from '../store/types';
import { dispatch } from './dispatch';
import { createHandlers, type Handlers, type TemplateSource } from './handlers';

const GOOD = `keel: 1
name: Shop
# a comment the store must keep
nodes:
  web: { kind: client, rps: 10 }
  api: { kind: service, replicas: 2, capacity: { rps: 100 } }
links:
  - { from: web, to: api }
`;
const BAD = `keel: 1
name: Broken
nodes:
  api: { kind: service, replicas: many }
`;

const templates: TemplateSource = {
  listTemplates: (): TemplateSummary[] => [
    { id: 'tiny', name: 'Tiny', description: 'two nodes', nodes: 2, links: 1, contexts: 0 },
  ],
  readTemplate: (id) => (id === 'tiny' ? GOOD.replace('Shop', 'Tiny') : undefined),
};

function ok(res: ApiResponse): unknown {
  if ('error' in res) throw new Error(`unexpected error: ${res.error.code} ${res.error.message}`);
  return res.result;
}
function err(res: ApiResponse) {
  if (!('error' in res)) throw new Error(`expected an error, got ${JSON.stringify(res.result).slice(0, 200)}`);
  return res.error;
}

function suite(label: string, makeStore: () => { store: ModelStore; cleanup: () => void }) {
  describe(`handlers over ${label}`, () => {
    let store: ModelStore;
    let cleanup: () => void;
    let h: Handlers;
    const call = (op: string, input: unknown) => dispatch(h, op, input, { log: () => {} });

    beforeEach(() => {
      ({ store, cleanup } = makeStore());
      h = createHandlers({ store, templates, mode: 'web', storePath: 'x.db', version: '1.2.3' });
    });
    afterEach(() => cleanup());

    it('answers app.info with the mode', async () => {
      expect(ok(await call('app.info', {}))).toEqual({ version: '1.2.3', mode: 'web', storePath: 'x.db' });
    });

    it('creates a model from a template, renaming it in the YAML but keeping the rest', async () => {
      const m = ok(await call('models.create', { template: 'tiny', name: 'My shop' })) as {
        id: string;
        yaml: string;
        name: string;
      };
      expect(m.name).toBe('My shop');
      expect(m.yaml).toContain('name: My shop');
      expect(m.yaml).toContain('# a comment the store must keep');
      const list = ok(await call('models.list', {})) as { id: string }[];
      expect(list.map((s) => s.id)).toEqual([m.id]);
      expect(err(await call('models.create', { template: 'nope' })).code).toBe('not-found');
    });

    it('creates an empty valid model without a template', async () => {
      const m = ok(await call('models.create', { name: 'Blank: "quoted"' })) as { yaml: string; name: string };
      expect(m.name).toBe('Blank: "quoted"');
      expect(m.yaml).toMatch(/^keel: 1/);
    });

    it('saves valid YAML and refuses an invalid model with positioned problems, keeping the head', async () => {
      const m = ok(await call('models.create', { template: 'tiny' })) as { id: string; revision: number };
      const edited = GOOD.replace('replicas: 2', 'replicas: 3');
      const saved = ok(await call('models.save', { id: m.id, yaml: edited, kind: 'save' })) as { revision: number };
      expect(saved.revision).toBe(m.revision + 1);
      const e = err(await call('models.save', { id: m.id, yaml: BAD }));
      expect(e.code).toBe('invalid-model');
      expect(e.problems?.[0]).toMatchObject({ line: 4 });
      expect(e.message).toMatch(/:4:\d+:/);
      const open = ok(await call('models.open', { id: m.id })) as { yaml: string; revision: number };
      expect(open.yaml).toBe(edited);
      expect(open.revision).toBe(saved.revision);
    });

    it('imports a good file as a new model, and a bad one changes nothing', async () => {
      const r = ok(await call('models.import', { fileName: 'shop.keel.yaml', text: GOOD })) as {
        ok: boolean;
        model: { id: string; name: string; yaml: string };
      };
      expect(r.ok).toBe(true);
      expect(r.model.name).toBe('Shop');
      expect(r.model.yaml).toBe(GOOD);
      const bad = ok(await call('models.import', { fileName: 'broken.keel.yaml', text: BAD, into: r.model.id })) as {
        ok: boolean;
        problems: { file: string; line: number }[];
      };
      expect(bad.ok).toBe(false);
      expect(bad.problems[0]).toMatchObject({ file: 'broken.keel.yaml', line: 4 });
      expect((ok(await call('models.open', { id: r.model.id })) as { yaml: string }).yaml).toBe(GOOD);
      expect((ok(await call('models.history', { id: r.model.id })) as unknown[]).length).toBe(1);
      expect((ok(await call('models.list', {})) as unknown[]).length).toBe(1);
    });

    it('imports into an existing model as a new revision', async () => {
      const m = ok(await call('models.create', { template: 'tiny' })) as { id: string };
      const r = ok(await call('models.import', { fileName: 'shop.keel.yaml', text: GOOD, into: m.id })) as {
        ok: true;
        model: { id: string; yaml: string; revision: number };
      };
      expect(r.model.id).toBe(m.id);
      expect(r.model.yaml).toBe(GOOD);
      const history = ok(await call('models.history', { id: m.id })) as { kind: string }[];
      expect(history[0]!.kind).toBe('import');
    });

    it('renames, trashes, restores, lists the trash, purges', async () => {
      const m = ok(await call('models.create', { template: 'tiny' })) as { id: string };
      expect((ok(await call('models.rename', { id: m.id, name: 'Renamed' })) as { name: string }).name).toBe('Renamed');
      expect(ok(await call('models.delete', { id: m.id }))).toBeNull();
      expect(ok(await call('models.list', {}))).toEqual([]);
      expect((ok(await call('models.list', { trashed: true })) as unknown[]).length).toBe(1);
      // A trashed model cannot be saved.
      expect(err(await call('models.save', { id: m.id, yaml: GOOD })).code).toBe('conflict');
      ok(await call('models.restore', { id: m.id }));
      expect((ok(await call('models.list', {})) as unknown[]).length).toBe(1);
      ok(await call('models.purge', { id: m.id }));
      expect(err(await call('models.open', { id: m.id })).code).toBe('not-found');
    });

    it('reads and restores revisions, and keeps the view state', async () => {
      const m = ok(await call('models.create', { template: 'tiny' })) as { id: string; yaml: string; revision: number };
      ok(await call('models.save', { id: m.id, yaml: GOOD, kind: 'snapshot', message: 'v2' }));
      expect((ok(await call('models.revision', { id: m.id, revision: m.revision })) as { yaml: string }).yaml).toBe(
        m.yaml,
      );
      const restored = ok(await call('models.restoreRevision', { id: m.id, revision: m.revision })) as { yaml: string };
      expect(restored.yaml).toBe(m.yaml);
      const viewState = { viewport: { x: 1, y: 2, zoom: 1.5 }, selection: ['api'] };
      ok(await call('models.setViewState', { id: m.id, viewState }));
      expect((ok(await call('models.open', { id: m.id })) as { viewState: unknown }).viewState).toEqual(viewState);
      const file = ok(await call('models.exportFile', { id: m.id })) as { fileName: string; yaml: string };
      expect(file).toEqual({ fileName: 'tiny.keel.yaml', yaml: m.yaml });
    });

    it('lists and reads templates', async () => {
      expect(ok(await call('templates.list', {}))).toEqual(templates.listTemplates());
      expect((ok(await call('templates.get', { id: 'tiny' })) as { yaml: string }).yaml).toContain('name: Tiny');
    });

    it('analyses YAML, with what-if options, and refuses an invalid model', async () => {
      const result = ok(await call('analysis.run', { yaml: GOOD })) as {
        summary: { critical: number };
        nodes: Record<string, unknown>;
      };
      expect(Object.keys(result.nodes).sort()).toEqual(['api', 'web']);
      const whatIf = ok(await call('analysis.run', { yaml: GOOD, loadFactor: 50, failed: ['api'] })) as {
        whatIf?: unknown;
      };
      expect(whatIf.whatIf).toBeDefined();
      expect(err(await call('analysis.run', { yaml: BAD })).code).toBe('invalid-model');
      expect(err(await call('analysis.run', { yaml: GOOD, loadFactor: -1 })).code).toBe('invalid-input');
    });

    it('builds one artifact of the design package', async () => {
      const mmd = ok(await call('export.artifact', { yaml: GOOD, path: 'architecture.mmd' })) as { text: string };
      expect(mmd.text).toMatch(/flowchart/);
      const model = ok(await call('export.artifact', { yaml: GOOD, path: 'model.keel.yaml' })) as { text: string };
      expect(model.text).toBe(GOOD);
      const analysis = ok(await call('export.artifact', { yaml: GOOD, path: 'analysis.json' })) as { text: string };
      expect(JSON.parse(analysis.text)).toHaveProperty('summary');
      expect(err(await call('export.artifact', { yaml: GOOD, path: '../../etc/passwd' })).code).toBe('not-found');
    });

    it('writes the design package into an absolute folder only', async () => {
      const out = mkdtempSync(join(tmpdir(), 'keel-export-'));
      try {
        const res = ok(await call('export.package', { yaml: GOOD, outDir: join(out, 'pkg') })) as {
          dir: string;
          files: { path: string; bytes: number }[];
        };
        const paths = res.files.map((f) => f.path);
        expect(paths).toEqual(
          expect.arrayContaining(['README.md', 'report.html', 'model.keel.yaml', 'analysis.json', 'architecture.mmd']),
        );
        expect(readFileSync(join(res.dir, 'model.keel.yaml'), 'utf8')).toBe(GOOD);
        expect(err(await call('export.package', { yaml: GOOD, outDir: 'relative/dir' })).code).toBe('invalid-input');
        expect(err(await call('export.package', { yaml: BAD, outDir: join(out, 'bad') })).code).toBe('invalid-model');
        expect(existsSync(join(out, 'bad'))).toBe(false);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });

    it('answers dialogs with unsupported in web mode', async () => {
      expect(ok(await call('dialog.openModelFile', {}))).toEqual({ unsupported: true });
      expect(ok(await call('dialog.pickFolder', {}))).toEqual({ unsupported: true });
    });
  });
}

suite('the memory store', () => ({ store: createMemoryStore(), cleanup: () => {} }));
suite('a real SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keel-services-'));
  const store = openSqliteStore(join(dir, 'keel.db'));
  return {
    store,
    cleanup: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
