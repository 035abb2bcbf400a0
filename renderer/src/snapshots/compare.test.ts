import { describe, expect, it } from 'vitest';
import { parseModel } from '../../../shared/parse';
import { compareModels, formatScale, showValue } from './compare';

const BEFORE = `keel: 1
name: Shop
nodes:
  web:
    kind: client
    rps: 100
  api:
    kind: service
    replicas: 2
    capacity:
      rps: 80
  old:
    kind: cache
  db:
    kind: database
links:
  - from: web
    to: api
  - from: api
    to: db
layout:
  old: { x: 400, y: 10 }
`;

function model(text: string) {
  const r = parseModel(text, 'c.keel.yaml');
  expect(r.problems).toEqual([]);
  return r.model!;
}

describe('compareModels', () => {
  it('lists added, removed and changed nodes with before/after values and the analysis change', () => {
    const before = model(BEFORE);
    const after = model(
      BEFORE.replace('    replicas: 2\n', '    replicas: 4\n')
        .replace('  old:\n    kind: cache\n', '  queue:\n    kind: queue\n')
        .replace('layout:\n  old: { x: 400, y: 10 }\n', ''),
    );
    const c = compareModels(before, after);
    expect(c.model.nodes.added).toEqual(['queue']);
    expect(c.model.nodes.removed).toEqual(['old']);
    expect(c.model.nodes.changed).toEqual([{ id: 'api', fields: [{ path: 'replicas', before: 2, after: 4 }] }]);
    expect(c.highlight).toMatchObject({ added: ['queue'], changed: ['api'] });
    expect(c.highlight.removed).toEqual([expect.objectContaining({ id: 'old', x: 400, y: 10 })]);
    // 100 rps on 2 x 80 was fine; the maxScale grows with 4 replicas.
    expect(c.analysis.maxScale.after!).toBeGreaterThan(c.analysis.maxScale.before!);
  });

  it('reports overload findings that appear and go', () => {
    const before = model(BEFORE);
    const after = model(BEFORE.replace('    rps: 100\n', '    rps: 400\n'));
    const c = compareModels(before, after);
    expect(c.analysis.newFindings.map((f) => f.rule)).toContain('capacity.overload');
    const back = compareModels(after, before);
    expect(back.analysis.resolvedFindings.map((f) => f.rule)).toContain('capacity.overload');
  });

  it('formats values and scales for the list', () => {
    expect(showValue(undefined)).toBe('—');
    expect(showValue({ rps: 1 })).toBe('{"rps":1}');
    expect(showValue('x'.repeat(80))).toHaveLength(58);
    expect(formatScale(null)).toBe('unbounded');
    expect(formatScale(1.5)).toBe('×1.50');
  });
});
