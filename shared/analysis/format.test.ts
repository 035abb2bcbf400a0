/**
 * Text and SARIF output on a real YAML file: positions come from the YAML
 * text (a node's key, a link's entry); SARIF is validated against the SARIF
 * 2.1.0 JSON Schema shipped by @microsoft/sarif-multitool-linux.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../parse';
import { analyze, formatText, keyLocator, toSarif } from './index';
import { RULES } from './rules';
import { fileUri } from './sarif';

const TEXT = `keel: 1
name: Shop
nodes:
  web: { kind: client, rps: 400 }
  orders:
    kind: service
    replicas: 2
    capacity: { rps: 160 }
    latencyMs: 10
  db:
    kind: database
links:
  - { from: web, to: orders }
  - from: orders
    to: db
suppress:
  - { rule: resilience.spof, node: db, reason: Managed failover }
`;
// Line numbers above: web 4, orders 5, db 10; links[0] at 13:5, links[1] at 14:5.

const parsed = parseModel(TEXT, 'models/shop.keel.yaml');
const result = analyze(parsed.model!);
const locate = keyLocator(TEXT);

describe('formatText', () => {
  const text = formatText(result, { file: 'models/shop.keel.yaml', locate, color: false });
  const lines = text.split('\n');

  it('starts each finding with FILE:LINE:COL of its subject', () => {
    // orders: 400 rps on 2 x 160 = 320: overload, at the key "orders" on line 5.
    expect(lines).toContain(
      'models/shop.keel.yaml:5:3: critical capacity.overload orders runs at 1.25x its capacity at 400 rps (2 x 160 rps = 320 rps): requests queue without bound and its latency budget is unbounded.',
    );
    // A link finding points at the link's entry: orders->db has no timeout (links[1], line 14).
    expect(lines.some((l) => l.startsWith('models/shop.keel.yaml:14:5: warning resilience.missing-timeout orders->db'))).toBe(true);
    expect(lines.some((l) => l.startsWith('models/shop.keel.yaml:10:3: warning resilience.spof db'))).toBe(true);
  });

  it('groups by severity, lists suppressed findings apart, and ends with the summary and entries', () => {
    const headers = lines.filter((l) => /^(critical|warning|info|suppressed) \(\d+\)$/.test(l));
    expect(headers.map((h) => h.split(' ')[0])).toEqual(['critical', 'warning', 'info', 'suppressed']);
    expect(text).toContain('    suppressed: Managed failover');
    expect(text).toContain(`summary: ${result.summary.critical} critical`);
    // maxScale = 320 / 400 = 0.8, bottleneck orders.
    expect(text).toContain("max scale: 0.8x today's load before orders saturates");
    expect(lines.find((l) => l.startsWith('web '))).toMatch(/^web\s+400\s+unbounded\s+99\.9%\s+2 nodes$/);
    expect(text).not.toContain('\u001b[');
  });

  it('colours only when asked', () => {
    expect(formatText(result, { file: 'f', locate, color: true })).toContain('\u001b[31mcritical\u001b[0m');
  });
});

describe('toSarif', () => {
  const sarif = toSarif(result, { file: 'models/shop.keel.yaml', locate, toolVersion: '0.1.0' }) as {
    runs: { tool: { driver: { rules: { id: string; help: { text: string } }[] } }; results: Record<string, unknown>[] }[];
  };

  it('validates against the SARIF 2.1.0 JSON Schema', () => {
    const require = createRequire(import.meta.url);
    const schemaPath = require.resolve('@microsoft/sarif-multitool-linux/sarif-2.1.0.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(JSON.parse(JSON.stringify(sarif)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // The validator is real: a broken document fails.
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it('has one rule per rule id with help from its module', () => {
    const rules = sarif.runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(rules[0]!.help.text).toContain(RULES[0]!.why);
  });

  it('points results at the subject and maps levels and suppressions', () => {
    const results = sarif.runs[0]!.results as {
      ruleId: string;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
      suppressions?: { kind: string; justification: string }[];
    }[];
    expect(results).toHaveLength(result.findings.length);
    const overload = results.find((r) => r.ruleId === 'capacity.overload')!;
    expect(overload.level).toBe('error');
    expect(overload.locations[0]!.physicalLocation.artifactLocation.uri).toBe('models/shop.keel.yaml');
    expect(overload.locations[0]!.physicalLocation.region).toEqual({ startLine: 5, startColumn: 3 });
    const timeout = results.find((r) => r.ruleId === 'resilience.missing-timeout')!;
    expect(timeout.level).toBe('warning');
    expect(timeout.locations[0]!.physicalLocation.region).toEqual({ startLine: 14, startColumn: 5 });
    expect(results.find((r) => r.ruleId === 'observability.missing-tracing')!.level).toBe('note');
    const spof = results.find((r) => r.ruleId === 'resilience.spof')!;
    expect(spof.suppressions).toEqual([{ kind: 'external', justification: 'Managed failover' }]);
    expect(overload.suppressions).toBeUndefined();
  });

  it('keeps relative paths relative and encodes what a URI cannot hold', () => {
    expect(fileUri('models/shop.keel.yaml')).toBe('models/shop.keel.yaml');
    expect(fileUri('my models\\shop #1.keel.yaml')).toBe('my%20models/shop%20%231.keel.yaml');
    expect(fileUri('/abs/shop.keel.yaml')).toBe('file:///abs/shop.keel.yaml');
  });
});
