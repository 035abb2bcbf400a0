import { describe, expect, it } from 'vitest';
import type { Model } from '../model/types';
import { generateModel } from '../testing/generate-model';
import { diffModels } from './model-diff';
import { diffAnalysis } from './analysis-diff';
import type { AnalysisResult, Finding } from '../analysis/types';

const base: Model = {
  keel: 1,
  name: 'Shop',
  contexts: { ordering: { name: 'Ordering' } },
  nodes: {
    web: { kind: 'client', rps: 100 },
    orders: { kind: 'service', context: 'ordering', replicas: 2, capacity: { rps: 100 } },
    db: { kind: 'database', engine: 'postgres' },
  },
  links: [
    { from: 'web', to: 'orders' },
    { from: 'orders', to: 'db', timeoutMs: 200 },
  ],
  layout: { web: { x: 0, y: 0 } },
};

describe('diffModels', () => {
  it('reports nothing for identical models, and ignores canvas positions', () => {
    const moved = structuredClone(base);
    moved.layout = { web: { x: 500, y: 20 }, orders: { x: 1, y: 2 } };
    const d = diffModels(base, moved);
    expect(d.empty).toBe(true);
    expect(d.nodes).toEqual({ added: [], removed: [], changed: [] });
  });

  it('lists added, removed and changed nodes and links with the changed fields', () => {
    const next = structuredClone(base);
    next.nodes.orders = { kind: 'service', context: 'ordering', replicas: 4, capacity: { rps: 150 } };
    delete next.nodes.db;
    next.nodes.cache = { kind: 'cache', engine: 'redis' };
    next.links = [{ from: 'web', to: 'orders', retries: 1 }, { from: 'orders', to: 'cache' }];
    next.name = 'Shop 2';
    const d = diffModels(base, next);
    expect(d.nodes.added).toEqual(['cache']);
    expect(d.nodes.removed).toEqual(['db']);
    expect(d.nodes.changed).toEqual([
      {
        id: 'orders',
        fields: [
          { path: 'capacity.rps', before: 100, after: 150 },
          { path: 'replicas', before: 2, after: 4 },
        ],
      },
    ]);
    expect(d.links.added).toEqual(['orders->cache']);
    expect(d.links.removed).toEqual(['orders->db']);
    expect(d.links.changed).toEqual([{ id: 'web->orders', fields: [{ path: 'retries', before: undefined, after: 1 }] }]);
    expect(d.model).toEqual([{ path: 'name', before: 'Shop', after: 'Shop 2' }]);
    expect(d.empty).toBe(false);
  });

  it('diffs large models and finds exactly the one edit', () => {
    const a = generateModel({ nodes: 2000, links: 5000 });
    const b = structuredClone(a);
    const id = Object.keys(b.nodes)[1234]!;
    b.nodes[id] = { ...b.nodes[id]!, description: 'edited' };
    const d = diffModels(a, b);
    expect(d.nodes.changed).toEqual([{ id, fields: [{ path: 'description', before: undefined, after: 'edited' }] }]);
    expect(d.links).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe('diffAnalysis', () => {
  const finding = (rule: string, node: string, suppressed = false): Finding => ({
    rule,
    severity: 'warning',
    nodes: [node],
    links: [],
    message: `${rule} on ${node}`,
    suggestion: '',
    suppressed,
  });
  const result = (findings: Finding[], maxScale: number | null): AnalysisResult => ({
    summary: { critical: 0, warning: findings.length, info: 0, maxScale, bottleneck: maxScale ? 'orders' : null },
    nodes: {},
    entries: { web: { rps: 10, latencyMs: 40, availability: 99.9 } },
    findings,
  });

  it('separates new from resolved findings, ignoring suppressed ones, and reports maxScale before and after', () => {
    const before = result([finding('resilience.spof', 'db'), finding('capacity.hotspot', 'orders')], 1.2);
    const after = result([finding('capacity.hotspot', 'orders'), finding('design.orphan', 'x'), finding('resilience.spof', 'cache', true)], 2.4);
    const d = diffAnalysis(before, after);
    expect(d.newFindings.map((f) => f.rule)).toEqual(['design.orphan']);
    expect(d.resolvedFindings.map((f) => `${f.rule}:${f.nodes[0]}`)).toEqual(['resilience.spof:db']);
    expect(d.maxScale).toEqual({ before: 1.2, after: 2.4 });
    // Same rule and subject with other figures and other named dependencies: still the same finding.
    const moved = { ...finding('availability.slo', 'web'), nodes: ['web', 'db'], message: 'at 99.7%' };
    const movedAgain = { ...finding('availability.slo', 'web'), nodes: ['web', 'cache'], message: 'at 99.8%' };
    const same = diffAnalysis(result([moved], 1), result([movedAgain], 1));
    expect(same.newFindings).toEqual([]);
    expect(same.resolvedFindings).toEqual([]);
    expect(d.entries).toEqual([{ id: 'web', before: { latencyMs: 40, availability: 99.9 }, after: { latencyMs: 40, availability: 99.9 } }]);
  });
});
