import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis';
import { generateModel } from '../../../shared/testing/generate-model';
import type { Model } from '../../../shared/model/types';
import { applyDelta, changesTopology, diffModel, isEmptyDelta } from './model-delta';
import { shopModel } from './test-fixtures';

describe('model deltas for the analysis worker', () => {
  it('sends the whole model first, without its layout', () => {
    const m = { ...shopModel(), layout: { shoppers: { x: 1, y: 2 } } };
    const d = diffModel(null, m);
    expect(d.full).toBeDefined();
    expect(d.full).not.toHaveProperty('layout');
    expect(applyDelta(null, structuredClone(d))).toEqual(d.full);
  });

  it('sends only the nodes that changed, and nothing for a move', () => {
    const m0 = generateModel({ nodes: 300, links: 700 });
    const moved = produce(m0, (d) => {
      (d.layout ??= {})['service-1'] = { x: 5, y: 5 };
    });
    expect(isEmptyDelta(diffModel(m0, moved))).toBe(true);
    const id = Object.keys(m0.nodes)[7]!;
    const m1 = produce(moved, (d) => {
      d.nodes[id]!.replicas = 9;
      const gone = Object.keys(d.nodes)[3]!;
      delete d.nodes[gone];
      d.links = d.links!.filter((l) => l.from !== gone && l.to !== gone);
      d.nodes['extra'] = { kind: 'service' };
      d.name = 'Renamed';
    });
    const delta = diffModel(moved, m1);
    expect(Object.keys(delta.nodes!).sort()).toEqual([id, 'extra'].sort());
    expect(delta.removed).toEqual([Object.keys(m0.nodes)[3]]);
    expect(Object.keys(delta.fields!).sort()).toEqual(['links', 'name']);
    // The worker's copy, rebuilt from deltas through structured clones, analyses the same.
    const worker = applyDelta(applyDelta(null, structuredClone(diffModel(null, m0))), structuredClone(delta));
    expect(analyze(worker).summary).toEqual(analyze(m1).summary);
    expect(analyze(worker).findings.length).toBe(analyze(m1).findings.length);
  });

  it('removes a top-level field that was deleted', () => {
    const m0 = { ...shopModel() };
    const m1 = produce(m0, (d) => {
      delete d.suppress;
    });
    const d = diffModel(m0, m1);
    expect(d.fields).toHaveProperty('suppress', undefined);
    expect(applyDelta(m0, structuredClone(d))).not.toHaveProperty('suppress');
  });

  it('tells topology changes (links, ids, kinds) from figure changes', () => {
    const m0 = shopModel();
    const diff = (recipe: (d: Model) => void) => changesTopology(m0, diffModel(m0, produce(m0, recipe)));
    expect(diff((d) => void (d.nodes.orders!.replicas = 9))).toBe(false);
    expect(diff((d) => void (d.description = 'x'))).toBe(false);
    expect(diff((d) => void d.links!.push({ from: 'shoppers', to: 'orders' }))).toBe(true);
    expect(diff((d) => void (d.nodes.shipping = { kind: 'service' }))).toBe(true);
    expect(diff((d) => void (d.nodes.extra = { kind: 'service' }))).toBe(true);
    expect(diff((d) => void delete d.nodes.shipping)).toBe(true);
  });

  it('refuses a partial update before any model', () => {
    expect(() => applyDelta(null, { nodes: {} })).toThrow(/before the model/);
  });
});
