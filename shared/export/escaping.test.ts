/**
 * Model text is untrusted: a node named `<img src=x onerror=alert(1)>` and
 * descriptions that try to end scripts, labels, code fences, comments and
 * lines must come out as text in every artifact, checked by real parsers.
 */
import { PGlite } from '@electric-sql/pglite';
import { Validator } from '@seriousme/openapi-schema-validator';
import { marked } from 'marked';
import { parse as parseHtml } from 'parse5';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { analyze } from '../analysis';
import type { Model } from '../model/types';
import { buildDesignPackage } from './index';

const XSS = '<img src=x onerror=alert(1)>';
const NASTY =
  'ends </script><script>alert(2)</script> and "]] and ``` fence `tick` and\nnew line\n\n# heading | pipe [link](javascript:alert(3)) & amp';
const SQL_BREAK = 'comment\nDROP TABLE "orders"; --';
const PROTO_BREAK = 'comment\nmessage Evil { string x = 1; }';

const hostile: Model = {
  keel: 1,
  name: `Shop ${XSS}`,
  description: NASTY,
  contexts: { ordering: { name: `Ordering ${XSS}`, description: NASTY } },
  schemas: {
    Order: {
      type: 'object',
      description: NASTY,
      required: ['id'],
      properties: {
        id: { type: 'string', format: 'uuid', description: PROTO_BREAK },
        note: { type: 'string', examples: ['```\n</script>'] },
      },
    },
  },
  nodes: {
    web: { kind: 'client', name: XSS, rps: 10 },
    orders: {
      kind: 'service',
      name: XSS,
      description: NASTY,
      context: 'ordering',
      tech: '`Go`]]',
      capacity: { rps: 100 },
      security: { auth: 'jwt', rateLimitRps: 5 },
      observability: { liveness: '/health', readiness: '/ready', metrics: '/metrics', tracing: 'otel' },
      api: {
        version: 'v1',
        description: NASTY,
        endpoints: [
          {
            id: 'create',
            method: 'POST',
            path: '/orders',
            summary: XSS,
            description: NASTY,
            request: 'Order',
            responses: { '201': 'Order', '409': { description: XSS } },
          },
        ],
      },
    },
    rpc: {
      kind: 'service',
      name: XSS,
      description: PROTO_BREAK,
      api: { style: 'grpc', rpcs: [{ name: 'Place', request: 'Order', response: 'Order', description: PROTO_BREAK }] },
    },
    db: {
      kind: 'database',
      name: XSS,
      engine: 'postgres',
      description: SQL_BREAK,
      tables: {
        orders: {
          description: SQL_BREAK,
          columns: {
            id: { type: 'uuid', primaryKey: true, description: SQL_BREAK },
            note: { type: 'text', default: "x'); DROP TABLE orders; --" },
          },
        },
      },
    },
    events: {
      kind: 'topic',
      name: XSS,
      broker: 'kafka',
      description: NASTY,
      messages: { OrderPlaced: { schema: 'Order', description: XSS } },
    },
  },
  links: [
    { from: 'web', to: 'orders', description: XSS },
    { from: 'orders', to: 'db', timeoutMs: 100 },
    { from: 'orders', to: 'events', message: 'OrderPlaced' },
    { from: 'orders', to: 'rpc', timeoutMs: 100 },
  ],
  decisions: [
    {
      id: 'd1',
      title: XSS,
      status: 'accepted',
      context: NASTY,
      decision: NASTY,
      consequences: XSS,
      alternatives: [NASTY],
    },
  ],
  notes: [{ id: 'n1', text: NASTY, x: 0, y: 0, node: 'orders' }],
};

const svg = `<svg xmlns="http://www.w3.org/2000/svg"><text>&lt;img src=x onerror=alert(1)&gt;</text><script>alert(4)</script><rect onclick="alert(5)"/></svg>`;
const files = buildDesignPackage(hostile, { analysis: analyze(hostile), svg });

type HtmlNode = {
  nodeName: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: HtmlNode[];
  content?: HtmlNode;
};
function walk(n: HtmlNode, visit: (n: HtmlNode) => void): void {
  visit(n);
  for (const c of n.childNodes ?? []) walk(c, visit);
  if (n.content) walk(n.content, visit);
}

describe('escaping of hostile model text', () => {
  it('report.html has no live element or attribute from the model and shows the text', () => {
    const html = files.get('report.html')!;
    const doc = parseHtml(html) as unknown as HtmlNode;
    const elements: string[] = [];
    const attrs: string[] = [];
    let text = '';
    walk(doc, (n) => {
      elements.push(n.nodeName);
      for (const a of n.attrs ?? []) attrs.push(a.name);
      if (n.nodeName === '#text') text += n.value;
    });
    expect(elements).not.toContain('img');
    expect(elements).not.toContain('script');
    expect(attrs.filter((a) => a.startsWith('on'))).toEqual([]);
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<script/i);
    // The name reaches the reader as text.
    expect(text).toContain(XSS);
    expect(text).toContain('</script><script>alert(2)</script>');
  });

  it('README.md and the ADRs render (marked) with no live element, link or attribute from the model', () => {
    for (const [path, md] of files) {
      if (!path.endsWith('.md')) continue;
      // Raw `</script>` may appear inside a fenced code block (a schema example): that is text.
      expect(md, path).not.toContain('<img');
      const rendered = marked.parse(md, { async: false });
      const elements: string[] = [];
      const hrefs: string[] = [];
      let text = '';
      walk(parseHtml(rendered) as unknown as HtmlNode, (n) => {
        elements.push(n.nodeName);
        for (const a of n.attrs ?? []) {
          expect(a.name.startsWith('on'), `${path}: ${n.nodeName} ${a.name}`).toBe(false);
          if (a.name === 'href' || a.name === 'src') hrefs.push(a.value);
        }
        if (n.nodeName === '#text') text += n.value;
      });
      for (const bad of ['img', 'script', 'iframe']) expect(elements, path).not.toContain(bad);
      expect(
        hrefs.filter((h) => /^javascript:/i.test(h)),
        path,
      ).toEqual([]);
      expect(text, path).toContain(XSS);
      // Model text never becomes a heading of its own.
      expect(rendered, path).not.toMatch(/<h\d[^>]*>heading/);
    }
    const readme = files.get('README.md')!;
    // Each fence opened is closed by a fence of the same length.
    const fences = readme.split('\n').filter((l) => /^`{3,}/.test(l));
    expect(fences.length % 2).toBe(0);
  });

  it('Mermaid labels carry the text as entity codes', () => {
    const mmd = files.get('architecture.mmd')!;
    expect(mmd).not.toContain('<img');
    expect(mmd).toContain('#60;img src=x onerror=alert#40;1#41;#62;');
    // Every label is one quoted string: quotes balance on every line.
    for (const line of mmd.split('\n')) expect((line.match(/"/g) ?? []).length % 2, line).toBe(0);
    expect(mmd).not.toContain('```');
  });

  it('the SVG placed in the HTML loses scripts and handlers', () => {
    const html = files.get('report.html')!;
    expect(html).not.toContain('alert(4)');
    expect(html).not.toContain('onclick');
  });

  it('SQL comments and literals cannot end a statement', async () => {
    const sql = files.get('schemas/db.sql')!;
    const pg = new PGlite();
    await pg.exec(sql);
    const tables = await pg.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(['orders']);
    const col = await pg.query<{ column_default: string }>(
      `SELECT column_default FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'note'`,
    );
    expect(col.rows[0]!.column_default).toContain('DROP TABLE orders');
    await pg.close();
  });

  it('proto comments cannot add declarations', () => {
    const text = files.get('proto/rpc.proto')!;
    const root = new protobuf.Root();
    const parsed = protobuf.parse(text, root, { keepCase: true });
    for (const imp of parsed.imports ?? [])
      root.addJSON(
        (protobuf as unknown as { common: { get(n: string): { nested: protobuf.INamespace['nested'] } } }).common.get(
          imp,
        ).nested!,
      );
    root.resolveAll();
    expect(() => root.lookupType('Evil')).toThrow();
  });

  it('YAML artifacts keep the text exactly and stay valid', async () => {
    const doc = parseYaml(files.get('openapi/orders.yaml')!) as {
      info: { title: string; description: string };
      paths: Record<string, { post: { summary: string } }>;
    };
    expect(doc.info.title).toBe(XSS);
    expect(doc.info.description).toContain(NASTY);
    expect(doc.paths['/orders']!.post.summary).toBe(XSS);
    const v = new Validator();
    expect((await v.validate(doc)).valid).toBe(true);
    const asyncapi = parseYaml(files.get('asyncapi.yaml')!) as { channels: Record<string, { title: string }> };
    expect(asyncapi.channels.events!.title).toBe(XSS);
  });
});
