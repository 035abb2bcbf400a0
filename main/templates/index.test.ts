import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../shared/analysis/index';
import type { Model } from '../../shared/model/types';
import { parseModel } from '../../shared/parse/index';
import {
  createTemplateLibrary,
  listTemplates,
  readTemplate,
  TEMPLATES_DIR,
  templateIds,
  UnknownTemplateError,
} from './index';

const REQUIRED = ['ecommerce-microservices', 'event-driven-orders', 'modular-monolith', 'saas-multitenant-api'];

/**
 * The weaknesses deliberately built into each template (rule and subject node),
 * so the studio has something real to show. Anything critical not listed here
 * would be an accident in the design.
 */
const BUILT_IN_WEAKNESSES: Record<string, [rule: string, subject: string][]> = {
  'ecommerce-microservices': [
    ['capacity.hotspot', 'catalog'],
    ['resilience.spof', 'orders-db'],
    ['availability.slo', 'web'],
    ['resilience.missing-timeout', 'orders'],
    ['resilience.timeout-inversion', 'gateway'],
    ['data.missing-fk-index', 'orders-db'],
  ],
  'event-driven-orders': [
    ['capacity.overload', 'payment-processor'],
    ['messaging.consumer-lag', 'inventory-events'],
    ['messaging.missing-dlq', 'payment-events'],
    ['resilience.missing-circuit-breaker', 'warehouse-worker'],
    ['observability.missing-metrics', 'stock-releaser'],
  ],
  'modular-monolith': [
    ['capacity.hotspot', 'app-db'],
    ['resilience.spof', 'sessions'],
    ['messaging.missing-dlq', 'job-queue'],
    ['data.missing-fk-index', 'app-db'],
    ['data.sharding', 'app-db'],
  ],
  'saas-multitenant-api': [
    ['security.plaintext-secret', 'billing'],
    ['resilience.retry-amplification', 'integrations'],
    ['security.missing-mtls', 'gateway'],
    ['security.missing-rate-limit', 'billing-webhook'],
  ],
  'realtime-chat': [
    ['capacity.hotspot', 'presence-cache'],
    ['resilience.spof', 'presence-cache'],
    ['resilience.missing-timeout', 'ws-gateway'],
    ['resilience.missing-circuit-breaker', 'push-worker'],
  ],
};

function parsed(id: string): Model {
  const result = parseModel(readTemplate(id), `${id}.keel.yaml`);
  expect(result.problems).toEqual([]);
  return result.model!;
}

/** Every `$ref` value anywhere under `value`. */
function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('shipped templates', () => {
  const ids = templateIds();

  it('include the four required designs, with unique ids', () => {
    expect(ids).toEqual(expect.arrayContaining(REQUIRED));
    expect(new Set(ids).size).toBe(ids.length);
    expect(listTemplates().map((t) => t.id)).toEqual(ids);
  });

  it('are found relative to the module, not the working directory', () => {
    expect(isAbsolute(TEMPLATES_DIR)).toBe(true);
    expect(TEMPLATES_DIR.replace(/\\/g, '/')).toMatch(/\/resources\/templates\/?$/);
  });

  describe.each(ids)('%s', (id) => {
    const text = readTemplate(id);
    const model = parsed(id);
    const nodes = Object.values(model.nodes);

    it('starts with a comment header and the editor schema line', () => {
      const lines = text.split('\n');
      expect(lines[0]).toMatch(/^# \S/);
      const schemaLine = lines.findIndex((l) => l === '# yaml-language-server: $schema=../keel.schema.json');
      expect(schemaLine).toBeGreaterThan(0);
      expect(lines.slice(0, schemaLine).every((l) => l.startsWith('#'))).toBe(true);
    });

    it('is a complete model: nodes, contexts, REST api, table, message, ADRs', () => {
      expect(nodes.length).toBeGreaterThanOrEqual(10);
      expect(Object.keys(model.contexts ?? {}).length).toBeGreaterThanOrEqual(2);
      expect(model.description?.length ?? 0).toBeGreaterThan(20);
      const restEndpoints = nodes.flatMap((n) =>
        'api' in n && n.api && (n.api.style ?? 'rest') === 'rest' ? (n.api.endpoints ?? []) : [],
      );
      expect(restEndpoints.length).toBeGreaterThanOrEqual(1);
      expect(nodes.some((n) => n.kind === 'database' && Object.keys(n.tables ?? {}).length > 0)).toBe(true);
      expect(nodes.some((n) => (n.kind === 'topic' || n.kind === 'queue') && Object.keys(n.messages ?? {}).length > 0)).toBe(true);
      expect(model.slo).toBeDefined();
      expect(model.layout).toBeUndefined();
      const decisions = model.decisions ?? [];
      expect(decisions.length).toBeGreaterThanOrEqual(2);
      for (const d of decisions) {
        expect([d.context, d.decision, d.consequences].every((s) => (s?.length ?? 0) > 20)).toBe(true);
      }
    });

    it('uses named schemas through $ref', () => {
      expect(refs(model.schemas).length).toBeGreaterThan(0);
      for (const ref of refs(model.schemas)) expect(Object.keys(model.schemas ?? {})).toContain(ref.replace('#/schemas/', ''));
    });

    it('gives every service, gateway and worker a capacity and observability', () => {
      for (const [nodeId, n] of Object.entries(model.nodes)) {
        if (n.kind === 'service' || n.kind === 'gateway' || n.kind === 'worker') {
          expect(n.capacity?.rps, nodeId).toBeGreaterThan(0);
          expect(n.observability, nodeId).toBeDefined();
        }
      }
    });

    it('has something for the analysis to find, and analyses without undefined values', () => {
      const result = analyze(model);
      const open = result.findings.filter((f) => !f.suppressed && f.severity !== 'info');
      expect(open.length).toBeGreaterThanOrEqual(3);
      expect(result.findings.some((f) => f.rule === 'resilience.sync-cycle')).toBe(false);
      for (const entry of Object.values(result.entries)) expect(entry.latencyMs).not.toBeNull();
    });

    it('shows the weaknesses built into it, and no unintended critical finding', () => {
      const expected = BUILT_IN_WEAKNESSES[id];
      expect(expected, 'list the built-in weaknesses of a new template above').toBeDefined();
      const open = analyze(model).findings.filter((f) => !f.suppressed);
      const found = open.map((f) => `${f.rule} ${f.nodes[0]}`);
      for (const [rule, subject] of expected!) expect(found).toContain(`${rule} ${subject}`);
      const critical = open.filter((f) => f.severity === 'critical').map((f) => `${f.rule} ${f.nodes[0]}`);
      for (const c of critical) expect(expected!.map(([r, s]) => `${r} ${s}`)).toContain(c);
    });

    it('is summarised with its real counts', () => {
      const summary = listTemplates().find((t) => t.id === id)!;
      expect(summary).toEqual({
        id,
        name: model.name,
        description: model.description?.trim(),
        nodes: nodes.length,
        links: model.links?.length ?? 0,
        contexts: Object.keys(model.contexts ?? {}).length,
      });
    });
  });
});

describe('template ids are never used as paths', () => {
  it.each(['../../package.json', '../keel.schema', 'ECOMMERCE-MICROSERVICES', '', 'ecommerce-microservices.keel.yaml', '/etc/passwd'])(
    'rejects %j with the list of valid ids',
    (bad) => {
      let thrown: unknown;
      try {
        readTemplate(bad);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(UnknownTemplateError);
      expect((thrown as UnknownTemplateError).validIds).toEqual(templateIds());
      expect((thrown as Error).message).toContain('ecommerce-microservices');
    },
  );

  const dir = mkdtempSync(join(tmpdir(), 'keel-templates-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists only files whose stem is a valid id', () => {
    const minimal = 'keel: 1\nname: Tiny\nnodes:\n  a: { kind: service }\n';
    writeFileSync(join(dir, 'tiny.keel.yaml'), minimal);
    writeFileSync(join(dir, 'Bad Name.keel.yaml'), minimal);
    writeFileSync(join(dir, 'notes.txt'), 'not a template');
    const lib = createTemplateLibrary(dir);
    expect(lib.ids()).toEqual(['tiny']);
    expect(lib.readTemplate('tiny')).toBe(minimal);
    expect(() => lib.readTemplate('Bad Name')).toThrow(UnknownTemplateError);
    expect(lib.listTemplates()).toEqual([{ id: 'tiny', name: 'Tiny', description: '', nodes: 1, links: 0, contexts: 0 }]);
  });

  it('reports a broken template as a bug, naming it', () => {
    const broken = mkdtempSync(join(tmpdir(), 'keel-templates-broken-'));
    try {
      writeFileSync(join(broken, 'oops.keel.yaml'), 'keel: 2\nname: x\nnodes: {}\n');
      expect(() => createTemplateLibrary(broken).listTemplates()).toThrow(/template oops is invalid: 1:7/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it('reads the shipped file byte for byte', () => {
    expect(readTemplate('modular-monolith')).toBe(readFileSync(join(TEMPLATES_DIR, 'modular-monolith.keel.yaml'), 'utf8'));
  });
});
