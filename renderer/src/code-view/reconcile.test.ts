import { describe, expect, it } from 'vitest';
import { parseModel } from '../../../shared/parse';
import { writeModel } from '../../../shared/write';
import { generateModel } from '../../../shared/testing/generate-model';
import { StudioStore } from '../state/store';
import { replaceModel } from './reconcile';

describe('replaceModel', () => {
  it('turns the store model into the parsed one, keeping unchanged parts identical', () => {
    const store = new StudioStore();
    const model = generateModel({ nodes: 60, links: 90 });
    store.load(model);
    const ids = Object.keys(model.nodes);
    const text = writeModel(model).replace(`  ${ids[3]}:\n`, `  ${ids[3]}:\n    name: Renamed here\n`);
    const parsed = parseModel(text, 'm.keel.yaml');
    expect(parsed.problems).toEqual([]);
    store.edit(replaceModel(store.model, parsed.model!), { label: 'Edit YAML', coalesce: 'code' });
    expect(store.model).toEqual(parsed.model);
    expect(store.model.nodes[ids[3]!]!.name).toBe('Renamed here');
    expect(store.model.nodes[ids[4]!]).toBe(model.nodes[ids[4]!]);
    expect(store.model.links).toBe(model.links);
    store.undo();
    expect(store.model).toEqual(model);
  });

  it('folds a burst of code edits into one undo step', () => {
    const store = new StudioStore();
    const model = generateModel({ nodes: 10, links: 12 });
    store.load(model);
    for (const n of [2, 3, 4]) {
      const next = structuredClone(store.model);
      next.description = `v${n}`;
      store.edit(replaceModel(store.model, next), { label: 'Edit YAML', coalesce: 'code' });
    }
    store.undo();
    expect(store.model.description).toBe(model.description);
    expect(store.getState().canUndo).toBe(false);
  });

  it('removes keys, adds nodes and changes list lengths', () => {
    const store = new StudioStore();
    const model = generateModel({ nodes: 8, links: 10 });
    store.load(model);
    const next = structuredClone(model);
    const first = Object.keys(next.nodes)[0]!;
    delete next.nodes[first];
    next.links = (next.links ?? []).filter((l) => l.from !== first && l.to !== first);
    next.nodes['added-one'] = { kind: 'service' };
    store.edit(replaceModel(store.model, next), { label: 'Edit YAML' });
    expect(store.model).toEqual(next);
  });
});
