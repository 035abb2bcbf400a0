import { describe, expect, it } from 'vitest';
import { parseModel } from '../../../shared/parse';
import { writeModel } from '../../../shared/write';
import { StudioStore } from '../state/store';
import { addView, deleteView, labelScale, newViewId, workshopSteps } from './steps';

const TEXT = `keel: 1
name: Orders
contexts:
  sales: { name: Sales }
  empty: { name: Nothing here }
  billing: {}
nodes:
  web: { kind: client }
  api: { kind: service, context: sales }
  db: { kind: database, context: sales }
  pay: { kind: service, context: billing }
`;

describe('workshop steps', () => {
  it('goes from the whole system to each non-empty context, then to the saved views', () => {
    const store = new StudioStore();
    store.load(parseModel(TEXT, 'w.keel.yaml').model!);
    const id = newViewId(store.model);
    store.edit(addView(id, 'Checkout path', { x: -120.4, y: 33.3, zoom: 0.83333 }), { label: 'Save view' });
    const steps = workshopSteps(store.model);
    expect(steps.map((s) => s.title)).toEqual(['Orders', 'Sales', 'billing', 'Checkout path']);
    expect(steps[1]).toMatchObject({ kind: 'context', nodes: ['api', 'db'] });
    expect(steps[3]).toMatchObject({ kind: 'view', viewport: { x: -120, y: 33, zoom: 0.833 } });
    // The saved view is part of the model file and reads back.
    expect(parseModel(writeModel(store.model), 'w.keel.yaml').model!.views).toEqual(store.model.views);
    store.edit(deleteView(id), { label: 'Delete view' });
    expect(store.model.views).toBeUndefined();
  });

  it('scales labels up only when the zoom makes them too small to read', () => {
    expect(labelScale(1.2)).toBe(1);
    expect(labelScale(1)).toBeCloseTo(14 / 13);
    expect(labelScale(14 / 13)).toBe(1);
    expect(labelScale(0.5)).toBeCloseTo(14 / 6.5);
    expect(labelScale(0.05)).toBe(4);
    expect(labelScale(0)).toBe(1);
  });
});
