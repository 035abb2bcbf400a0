/**
 * Every artifact of the design package, for every template, the hand-written
 * fixture and generated models, checked by a real third-party validator (never
 * by the exporter's own code): OpenAPI 3.1 (@seriousme/openapi-schema-validator,
 * examples with ajv), AsyncAPI 3.0 (@asyncapi/parser), DDL executed in PGlite
 * and SQLite and parsed as MySQL (node-sql-parser), proto3 (protobufjs), JSON
 * Schema 2020-12 (ajv), Prometheus rules (yaml + shape), HTML (parse5).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser as AsyncApiParser } from '@asyncapi/parser';
import { PGlite } from '@electric-sql/pglite';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import Database from 'better-sqlite3';
import { XMLValidator } from 'fast-xml-parser';
import sqlParser from 'node-sql-parser';
import { marked } from 'marked';
import { parse as parseHtml } from 'parse5';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { analyze } from '../analysis';
import { layoutModel } from '../diagram';
import { createBundledElk } from '../diagram/node-elk';
import { renderSvg } from '../diagram/svg';
import type { Model } from '../model/types';
import { parseModel } from '../parse';
import { generateModel } from '../testing/generate-model';
import { shopModel } from './fixtures/shop';
import { exampleFor } from './examples';
import { buildDesignPackage } from './index';

const root = join(import.meta.dirname, '..', '..');
const templateDir = join(root, 'resources', 'templates');

function loadTemplates(): [string, Model, string][] {
  return readdirSync(templateDir)
    .filter((f) => f.endsWith('.keel.yaml'))
    .sort()
    .map((f) => {
      const text = readFileSync(join(templateDir, f), 'utf8');
      const parsed = parseModel(text, f);
      if (!parsed.model)
        throw new Error(`${f}: ${parsed.problems.map((p) => `${p.line}:${p.col} ${p.message}`).join('; ')}`);
      return [f, parsed.model, text];
    });
}

const cases: [string, Model, string | undefined][] = [
  ...loadTemplates(),
  ['fixture: shop', shopModel, undefined],
  ['generated: 60 nodes', generateModel({ nodes: 60, links: 90, seed: 7 }), undefined],
  ['generated: 120 nodes, cycles', generateModel({ nodes: 120, links: 200, seed: 3, cycles: 3 }), undefined],
];

type Doc = Record<string, unknown>;
const entries = (files: Map<string, string>, re: RegExp) => [...files].filter(([p]) => re.test(p));

function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/** Every media type object with a schema and an example (inline or under components.examples), anywhere in an OpenAPI document. */
function mediaExamples(doc: Doc): { where: string; schema: unknown; example: unknown }[] {
  const named = ((doc.components as Doc | undefined)?.examples ?? {}) as Record<string, { value: unknown }>;
  const out: { where: string; schema: unknown; example: unknown }[] = [];
  const walk = (v: unknown, where: string) => {
    if (!v || typeof v !== 'object') return;
    const o = v as Doc;
    if ('schema' in o && 'example' in o) out.push({ where, schema: o.schema, example: o.example });
    if ('schema' in o && o.examples && typeof o.examples === 'object') {
      for (const [k, ex] of Object.entries(o.examples as Record<string, { $ref?: string; value?: unknown }>)) {
        const refName = ex.$ref?.replace('#/components/examples/', '');
        if (refName !== undefined) expect(named[refName], `${where}: ${ex.$ref}`).toBeDefined();
        out.push({
          where: `${where}/examples/${k}`,
          schema: o.schema,
          example: refName !== undefined ? named[refName]!.value : ex.value,
        });
      }
    }
    for (const [k, c] of Object.entries(o)) walk(c, `${where}/${k}`);
  };
  walk(doc.paths, '#/paths');
  walk(doc.components, '#/components');
  return out;
}

let pg: PGlite;
beforeAll(async () => {
  pg = new PGlite();
  await pg.waitReady;
});
afterAll(async () => {
  await pg.close();
});

describe.each(cases)('design package of %s', (_name, model, source) => {
  const analysis = analyze(model);
  let files: Map<string, string>;
  beforeAll(async () => {
    const svg = renderSvg(model, await layoutModel(model, { elk: createBundledElk() }), { analysis });
    files = buildDesignPackage(model, { analysis, svg, ...(source ? { source } : {}) });
  });

  it('has the section 8 file names and nothing else', () => {
    const allowed = [
      /^README\.md$/,
      /^report\.html$/,
      /^architecture\.(mmd|svg)$/,
      /^openapi\/[a-z0-9][a-z0-9._-]*\.yaml$/,
      /^proto\/[a-z0-9][a-z0-9._-]*\.proto$/,
      /^asyncapi\.yaml$/,
      /^schemas\/[a-z0-9][a-z0-9._-]*\.sql$/,
      /^schemas\/messages\/[A-Za-z][A-Za-z0-9_]*\.schema\.json$/,
      /^analysis\.(json|sarif)$/,
      /^decisions\/\d{4}-[a-z0-9-]+\.md$/,
      /^model\.keel\.yaml$/,
      /^observability\/alerts\.yaml$/,
    ];
    for (const path of files.keys())
      expect(
        allowed.some((re) => re.test(path)),
        path,
      ).toBe(true);
    for (const must of [
      'README.md',
      'report.html',
      'architecture.mmd',
      'architecture.svg',
      'asyncapi.yaml',
      'analysis.json',
      'analysis.sarif',
      'model.keel.yaml',
      'observability/alerts.yaml',
    ]) {
      expect(files.has(must), must).toBe(true);
    }
    expect(entries(files, /^decisions\//).length).toBe(model.decisions?.length ?? 0);
  });

  it('README.md and the ADRs render as Markdown (marked) with the expected headings', () => {
    const headings = (md: string) =>
      marked
        .lexer(md)
        .filter(
          (t): t is ReturnType<typeof marked.lexer>[number] & { type: 'heading'; depth: number; text: string } =>
            t.type === 'heading',
        )
        .map((t) => [t.depth, t.text] as const);
    const readme = headings(files.get('README.md')!);
    expect(readme[0]).toEqual([1, expect.any(String)]);
    for (const section of [
      'Architecture',
      'Context map',
      'Services and APIs',
      'Data model',
      'Events',
      'Analysis',
      'Security per layer',
      'Observability plan',
      'Open questions',
    ]) {
      expect(
        readme.some(([d, t]) => d === 2 && t === section),
        section,
      ).toBe(true);
    }
    for (const [i, d] of (model.decisions ?? []).entries()) {
      const path = [...files.keys()].find((p) => p.startsWith(`decisions/${String(i + 1).padStart(4, '0')}-`))!;
      const [first] = headings(files.get(path)!);
      expect(first?.[0]).toBe(1);
      expect(marked.parseInline(first![1], { async: false })).toContain(String(i + 1));
      expect(files.get(path)).toContain(`Status: ${d.status}`);
    }
  });

  it('OpenAPI documents are valid 3.1 and every example matches its schema', async () => {
    const docs = entries(files, /^openapi\//);
    const rest = Object.values(model.nodes).filter((n) => 'api' in n && n.api && (n.api.style ?? 'rest') === 'rest');
    expect(docs.length).toBe(rest.length);
    for (const [path, text] of docs) {
      const doc = parseYaml(text) as Doc;
      const validator = new Validator();
      const result = await validator.validate(doc);
      expect(result.errors, path).toBeUndefined();
      expect(result.valid, path).toBe(true);
      expect(validator.version).toBe('3.1');
      const examples = mediaExamples(doc);
      const ops = Object.values(doc.paths as Doc).flatMap((item) =>
        Object.entries(item as Doc).filter(([k]) => k !== 'servers'),
      );
      expect(examples.length, path).toBeGreaterThanOrEqual(ops.length > 0 ? 1 : 0);
      const ajv = newAjv();
      for (const { where, schema, example } of examples) {
        const validate = ajv.compile({ ...(schema as Doc), components: doc.components });
        expect(validate(example), `${path} ${where}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
  });

  it('AsyncAPI document parses without errors', async () => {
    const { document, diagnostics } = await new AsyncApiParser().parse(files.get('asyncapi.yaml')!);
    const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(document).toBeDefined();
    const brokers = Object.values(model.nodes).filter((n) => n.kind === 'queue' || n.kind === 'topic').length;
    expect(document!.channels().length).toBe(brokers);
  });

  it('PostgreSQL DDL runs in PGlite, SQLite DDL in SQLite, MySQL DDL parses as MySQL', async () => {
    for (const [path, sql] of entries(files, /^schemas\/[^/]+\.sql$/)) {
      const id = path.slice('schemas/'.length, -'.sql'.length);
      const db = model.nodes[id];
      if (db?.kind !== 'database') throw new Error(`${path}: not a database`);
      const tables = Object.keys(db.tables ?? {}).filter((t) => Object.keys(db.tables![t]!.columns).length > 0);
      if (db.engine === 'postgres') {
        const schema = `s_${Math.random().toString(36).slice(2)}`;
        await pg.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema};`);
        await pg.exec(sql);
        const res = await pg.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1`,
          [schema],
        );
        expect(res.rows[0]!.n, path).toBe(tables.length);
      } else if (db.engine === 'sqlite') {
        const lite = new Database(':memory:');
        lite.exec(sql);
        const n = lite.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number };
        expect(n.n, path).toBe(tables.length);
        expect(lite.pragma('foreign_key_check')).toEqual([]);
        lite.close();
      } else if (db.engine === 'mysql') {
        const ast = new sqlParser.Parser().astify(sql, { database: 'MySQL' });
        const list = Array.isArray(ast) ? ast : [ast];
        expect(
          list.filter((s) => s.type === 'create' && (s as { keyword?: string }).keyword === 'table').length,
          path,
        ).toBe(tables.length);
      } else {
        throw new Error(`${path}: DDL for engine ${db.engine}`);
      }
    }
  });

  it('.proto files load in protobufjs and every type resolves', () => {
    const protos = entries(files, /^proto\//);
    expect(protos.length).toBe(Object.values(model.nodes).filter((n) => 'api' in n && n.api?.style === 'grpc').length);
    for (const [path, text] of protos) {
      const pbRoot = new protobuf.Root();
      const parsed = protobuf.parse(text, pbRoot, { keepCase: true });
      for (const imp of parsed.imports ?? []) {
        const common = (
          protobuf as unknown as { common: { get(name: string): { nested: protobuf.INamespace['nested'] } | null } }
        ).common.get(imp);
        expect(common, `${path} imports ${imp}`).toBeTruthy();
        pbRoot.addJSON(common!.nested!);
      }
      expect(() => pbRoot.resolveAll(), path).not.toThrow();
      const services = [] as protobuf.Service[];
      const visit = (ns: protobuf.NamespaceBase) => {
        for (const o of ns.nestedArray) {
          if (o instanceof protobuf.Service) services.push(o);
          else if (o instanceof protobuf.Namespace) visit(o);
        }
      };
      visit(pbRoot);
      expect(services.length, path).toBe(1);
    }
  });

  it('message JSON Schemas compile with ajv (2020-12) and the AsyncAPI payload examples match them', () => {
    const ajv = newAjv();
    const schemas = entries(files, /^schemas\/messages\//);
    const all = (model.schemas ?? {}) as Record<string, Doc>;
    for (const [path, text] of schemas) {
      const schema = JSON.parse(text) as Doc;
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      const validate = ajv.compile(schema);
      const name = path.slice('schemas/messages/'.length, -'.schema.json'.length);
      const spec = Object.values(model.nodes).flatMap((n) =>
        'messages' in n && n.messages?.[name] ? [n.messages[name]] : [],
      )[0];
      if (spec?.schema && all[spec.schema]) {
        const example = exampleFor(all[spec.schema], all);
        expect(validate(example), `${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
        // The bundled schema is not a blank check: a payload of the wrong type fails.
        if (all[spec.schema]!.type === 'object') expect(validate('not an object'), path).toBe(false);
      }
    }
    const names = new Set(
      Object.values(model.nodes).flatMap((n) => ('messages' in n ? Object.keys(n.messages ?? {}) : [])),
    );
    expect(schemas.length).toBe(names.size);
  });

  it('alerts.yaml is shaped like Prometheus rule groups', () => {
    const doc = parseYaml(files.get('observability/alerts.yaml')!) as { groups: Doc[] };
    expect(Array.isArray(doc.groups)).toBe(true);
    const names = new Set<string>();
    for (const g of doc.groups) {
      expect(typeof g.name).toBe('string');
      expect(names.has(g.name as string)).toBe(false);
      names.add(g.name as string);
      for (const r of g.rules as Doc[]) {
        expect(
          Object.keys(r).every((k) => ['alert', 'expr', 'for', 'labels', 'annotations', 'keep_firing_for'].includes(k)),
        ).toBe(true);
        expect(r.alert).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
        expect(typeof r.expr).toBe('string');
        expect(r.for).toMatch(/^\d+[smhd]$/);
        for (const v of Object.values(r.labels as Doc)) expect(typeof v).toBe('string');
        // Balanced brackets and quoted label values: a cheap PromQL sanity check.
        const expr = r.expr as string;
        expect(expr.split('(').length).toBe(expr.split(')').length);
        expect(expr.split('{').length).toBe(expr.split('}').length);
      }
    }
    const services = Object.values(model.nodes).filter((n) =>
      ['gateway', 'service', 'worker', 'function'].includes(n.kind),
    ).length;
    expect(doc.groups.flatMap((g) => g.rules as Doc[]).length).toBeGreaterThanOrEqual(services * 2);
  });

  it('SVG is well-formed XML (fast-xml-parser); report.html parses as a self-contained page', () => {
    const svg = files.get('architecture.svg')!;
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toMatch(/^(<\?xml[^>]*\?>\s*)?<svg[\s>]/);
    const html = files.get('report.html')!;
    const doc = parseHtml(html);
    const tags: string[] = [];
    const visit = (n: { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: unknown[] }) => {
      tags.push(n.nodeName);
      for (const a of n.attrs ?? []) {
        expect(a.name.startsWith('on'), `${n.nodeName} ${a.name}`).toBe(false);
        if (a.name === 'src' || a.name === 'href') expect(a.value).not.toMatch(/^(https?:)?\/\//);
      }
      for (const c of n.childNodes ?? []) visit(c as typeof n);
    };
    visit(doc as unknown as Parameters<typeof visit>[0]);
    for (const bad of ['script', 'iframe', 'link', 'img', 'object', 'embed']) expect(tags).not.toContain(bad);
    expect(html).toContain('Content-Security-Policy');
    expect(tags).toContain('svg'); // the diagram is inline
    expect(JSON.parse(files.get('analysis.sarif')!).version).toBe('2.1.0');
    expect(parseYaml(files.get('model.keel.yaml')!)).toMatchObject({ keel: 1, name: model.name });
  });
});
