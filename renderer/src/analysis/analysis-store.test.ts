import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis';
import { AnalysisStore } from './analysis-store';
import { shopModel } from './test-fixtures';

const meta = (loadFactor: number) => ({
  modelVersion: 1,
  whatIf: { loadFactor, failed: [] },
  durationMs: 1,
  via: 'main' as const,
});

describe('AnalysisStore while the load slider is dragged', () => {
  it('holds back bar lengths and link loads until the slider is let go, but tells heat changes at once', () => {
    const store = new AnalysisStore();
    const model = shopModel();
    store.setResult(analyze(model), meta(1));
    const told = { orders: 0, link: 0 };
    const link = 'gateway->orders';
    store.subscribeNode('orders', () => told.orders++);
    store.subscribeLink(link, () => told.link++);
    const before = { orders: store.node('orders'), link: store.link(link) };

    store.beginSlide();
    expect(store.getState().sliding).toBe(true);
    // A small step: the bar moves a little, the heat level stays.
    store.setResult(analyze(model, { loadFactor: 1.05 }), meta(1.05));
    expect(store.node('orders').heat).toBe(before.orders.heat);
    expect(store.node('orders').utilization).not.toBe(before.orders.utilization);
    expect(store.link(link).text).not.toBe(before.link.text);
    expect(told).toEqual({ orders: 0, link: 0 });

    // A step that changes the heat level is shown during the slide.
    store.setResult(analyze(model, { loadFactor: 10 }), meta(10));
    expect(store.node('orders').heat).toBe('over');
    expect(told.orders).toBe(1);
    expect(told.link).toBe(0);

    store.endSlide();
    expect(store.getState().sliding).toBe(false);
    expect(told.link).toBe(1);
    expect(told.orders).toBe(2);
  });
});
