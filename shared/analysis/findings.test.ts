/** Suppressions, summary counts, finding order and what-if. */
import { describe, expect, it } from 'vitest';
import type { Model } from '../model/types';
import { analyze } from './index';
import { RULES } from './rules';
import { model, OBSERVED } from './test-model';

const base = (suppress?: Model['suppress']): Model =>
  model({
    suppress,
    nodes: {
      web: { kind: 'client', rps: 10 },
      api: { kind: 'service', ...OBSERVED, replicas: 2, security: { auth: 'jwt', rateLimitRps: 100 } },
      db: { kind: 'database' },
      other: { kind: 'service', ...OBSERVED, replicas: 2 },
    },
    links: [
      { from: 'web', to: 'api' },
      { from: 'api', to: 'db' },
      { from: 'api', to: 'other', mtls: true, timeoutMs: 100 },
    ],
  });

describe('suppressions', () => {
  it('marks matched findings suppressed, keeps them, and leaves them out of the summary', () => {
    const plain = analyze(base());
    const spof = plain.findings.find((f) => f.rule === 'resilience.spof')!;
    expect(spof.nodes[0]).toBe('db');
    expect(spof.suppressed).toBe(false);

    const r = analyze(base([{ rule: 'resilience.spof', node: 'db', reason: 'Managed failover' }]));
    const s = r.findings.find((f) => f.rule === 'resilience.spof')!;
    expect(s.suppressed).toBe(true);
    expect(s.suppressionReason).toBe('Managed failover');
    expect(r.findings).toHaveLength(plain.findings.length);
    expect(r.summary.warning).toBe(plain.summary.warning - 1);
  });

  it('matches a link finding by link id or by either end', () => {
    // api->db has no timeout: resilience.missing-timeout about link api->db.
    const byLink = analyze(base([{ rule: 'resilience.missing-timeout', link: 'api->db', reason: 'r' }]));
    expect(byLink.findings.find((f) => f.rule === 'resilience.missing-timeout')!.suppressed).toBe(true);
    const byEnd = analyze(base([{ rule: 'resilience.missing-timeout', node: 'db', reason: 'r' }]));
    expect(byEnd.findings.find((f) => f.rule === 'resilience.missing-timeout')!.suppressed).toBe(true);
    const wrongLink = analyze(base([{ rule: 'resilience.missing-timeout', link: 'api->other', reason: 'r' }]));
    expect(wrongLink.findings.find((f) => f.rule === 'resilience.missing-timeout')!.suppressed).toBe(false);
  });

  it('does not match another rule or another node', () => {
    const r = analyze(base([
      { rule: 'resilience.spof', node: 'api', reason: 'r' },
      { rule: 'resilience.missing-timeout', node: 'db', link: 'api->other', reason: 'r' },
    ]));
    expect(r.findings.filter((f) => f.suppressed)).toHaveLength(0);
  });

  it('with neither node nor link, suppresses every finding of the rule', () => {
    const r = analyze(base([{ rule: 'observability.missing-tracing', reason: 'tracing is out of scope' }]));
    expect(r.findings.filter((f) => f.rule === 'observability.missing-tracing').every((f) => f.suppressed)).toBe(true);
  });
});

describe('order and summary', () => {
  it('orders findings by severity, rule, subject and counts the unsuppressed ones', () => {
    const r = analyze(base());
    const rank = { critical: 0, warning: 1, info: 2 };
    for (let i = 1; i < r.findings.length; i++) {
      const a = r.findings[i - 1]!;
      const b = r.findings[i]!;
      const key = (f: typeof a) => [rank[f.severity], f.rule, f.nodes[0] ?? ''];
      const [x, y] = [key(a), key(b)];
      expect(x[0]! < y[0]! || (x[0] === y[0] && (x[1]! < y[1]! || (x[1] === y[1] && x[2]! <= y[2]!)))).toBe(true);
    }
    for (const sev of ['critical', 'warning', 'info'] as const) {
      expect(r.summary[sev]).toBe(r.findings.filter((f) => f.severity === sev && !f.suppressed).length);
    }
    // Deterministic: the same model gives the same findings.
    expect(analyze(base())).toEqual(r);
  });

  it('documents every rule and keeps the section 5 ids and severities', () => {
    const fixed: Record<string, string> = {
      'capacity.overload': 'critical', 'capacity.hotspot': 'warning', 'latency.slo': 'warning', 'availability.slo': 'warning',
      'resilience.spof': 'warning', 'resilience.sync-cycle': 'critical', 'resilience.retry-amplification': 'warning',
      'resilience.missing-timeout': 'warning', 'resilience.timeout-inversion': 'warning', 'resilience.missing-circuit-breaker': 'warning',
      'resilience.deep-sync-chain': 'warning', 'messaging.missing-dlq': 'warning', 'messaging.consumer-lag': 'critical',
      'messaging.no-consumer': 'warning', 'data.shared-database': 'warning', 'data.missing-fk-index': 'warning', 'data.sharding': 'info',
      'data.direct-client-access': 'critical', 'security.unauthenticated-entry': 'critical', 'security.missing-rate-limit': 'warning',
      'security.missing-mtls': 'warning', 'security.plaintext-secret': 'critical', 'security.unversioned-api': 'info',
      'security.missing-input-schema': 'warning', 'observability.missing-health': 'warning', 'observability.missing-metrics': 'warning',
      'observability.missing-tracing': 'info', 'design.orphan': 'info',
    };
    for (const [id, severity] of Object.entries(fixed)) expect(RULES.find((r) => r.id === id)?.severity, id).toBe(severity);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z]+\.[a-z0-9-]+$/);
      for (const text of [r.title, r.why, r.fix, r.when]) expect(text.length).toBeGreaterThan(10);
    }
  });
});

describe('lazily computed figures', () => {
  it('read as plain data, also from a frozen result', () => {
    const r = analyze(base());
    const copy = structuredClone(r);
    expect(copy.nodes.db!.blastRadius).toEqual(['web']);
    expect(copy.links!['api->db']).toEqual({ load: 10, from: 'api', to: 'db', mode: 'sync', index: 1 });
    const frozen = Object.freeze(analyze(base()));
    Object.values(frozen.nodes).forEach((n) => Object.freeze(n));
    expect(frozen.links!['web->api']!.load).toBe(10);
    expect(frozen.nodes.api!.blastRadius).toEqual(['web']);
    expect({ ...r.nodes.db }.blastRadius).toEqual(['web']);
  });

  it('gives the same blast radii whether built at once or on first read', () => {
    // 70 clients on one chain of 70 services: 4,900 blast entries for 140 nodes, past the
    // eager limit (32 a node), so the radii are computed on first read; 10 clients stay under it.
    const chain = (clients: number) => {
      const nodes: Record<string, { kind: 'client' | 'service' }> = {};
      const links: { from: string; to: string }[] = [];
      for (let c = 0; c < clients; c++) {
        nodes[`c${c}`] = { kind: 'client' };
        links.push({ from: `c${c}`, to: 's0' });
      }
      for (let s = 0; s < 70; s++) {
        nodes[`s${s}`] = { kind: 'service' };
        if (s > 0) links.push({ from: `s${s - 1}`, to: `s${s}` });
      }
      return model({ nodes, links });
    };
    for (const clients of [70, 10]) {
      const all = Array.from({ length: clients }, (_, c) => `c${c}`);
      const r = analyze(chain(clients));
      const lazy = Object.getOwnPropertyDescriptor(r.nodes.s69!, 'blastRadius')!.get !== undefined;
      expect(lazy).toBe(clients === 70);
      expect(structuredClone(r).nodes.s69!.blastRadius).toEqual(all);
      expect((JSON.parse(JSON.stringify(r)) as typeof r).nodes.s3!.blastRadius).toEqual(all);
      const frozen = Object.freeze(analyze(chain(clients)));
      Object.values(frozen.nodes).forEach((n) => Object.freeze(n));
      expect(frozen.nodes.s0!.blastRadius).toEqual(all);
      expect(r.nodes.c0!.blastRadius).toEqual([]);
    }
  });
});

describe('what-if', () => {
  // web -> gw -> api -> db (hard); api -> recs optional; api -> audit async; mobile -> gw2 -> recs.
  const m = model({
    nodes: {
      web: { kind: 'client', rps: 100 },
      mobile: { kind: 'client', rps: 50 },
      gw: { kind: 'gateway', capacity: { rps: 1000 } },
      gw2: { kind: 'gateway' },
      api: { kind: 'service', capacity: { rps: 200 } },
      db: { kind: 'database' },
      recs: { kind: 'service' },
      audit: { kind: 'service' },
      'sessions-cache': { kind: 'cache' },
    },
    links: [
      { from: 'web', to: 'gw' },
      { from: 'gw', to: 'api' },
      { from: 'api', to: 'db' },
      { from: 'api', to: 'recs', optional: true },
      { from: 'api', to: 'audit', async: true },
      { from: 'mobile', to: 'gw2' },
      { from: 'gw2', to: 'sessions-cache' },
    ],
  });

  it('multiplies client load and never mutates the model', () => {
    const before = JSON.stringify(m);
    const r = analyze(m, { loadFactor: 3 });
    expect(JSON.stringify(m)).toBe(before);
    // api: 100 x 3 = 300 on 200: utilization 1.5.
    expect(r.nodes.api!.load).toBe(300);
    expect(r.nodes.api!.utilization).toBe(1.5);
    expect(r.entries.web!.rps).toBe(300);
    expect(r.findings.some((f) => f.rule === 'capacity.overload' && f.nodes[0] === 'api')).toBe(true);
    expect(r.whatIf).toEqual({ loadFactor: 3, failed: [], downEntries: [], survivingEntries: [], affectedNodes: [], affectedLinks: [] });
    expect(analyze(m).whatIf).toBeUndefined();
  });

  it('lists down entries, and entries that survive through optional or async links', () => {
    const down = analyze(m, { failed: ['db'] }).whatIf!;
    expect(down.downEntries).toEqual(['web']);
    expect(down.survivingEntries).toEqual([]);
    // web, gw and api hard-depend on db; recs and audit are only reached through api.
    expect(down.affectedNodes).toEqual(['web', 'gw', 'api', 'db', 'recs', 'audit']);
    expect(down.affectedLinks).toContain('api->db');

    const optional = analyze(m, { failed: ['recs'] }).whatIf!;
    expect(optional.downEntries).toEqual([]);
    expect(optional.survivingEntries).toEqual(['web']);
    expect(optional.affectedNodes).toEqual(['recs']);
    expect(optional.affectedLinks).toEqual(['api->recs']);

    const async = analyze(m, { failed: ['audit'] }).whatIf!;
    expect(async.survivingEntries).toEqual(['web']);

    const cache = analyze(m, { failed: ['sessions-cache'], loadFactor: 2 }).whatIf!;
    expect(cache.downEntries).toEqual(['mobile']);
    expect(cache.loadFactor).toBe(2);
  });
});
