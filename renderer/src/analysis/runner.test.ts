import { describe, expect, it } from 'vitest';
import { moveNodes, setIn } from '../state/commands';
import { StudioStore } from '../state/store';
import { createAnalysisClient } from './analysis-client';
import { AnalysisStore } from './analysis-store';
import { suppressFinding, unsuppressFinding } from './commands';
import { startAnalysis } from './runner';
import { shopModel } from './test-fixtures';

const noWorker = () => {
  throw new Error('no worker in this test');
};

function setup() {
  const studio = new StudioStore();
  const store = new AnalysisStore();
  let runs = 0;
  const client = createAnalysisClient({ createWorker: noWorker, frameBudgetMs: 1e9, whenIdle: (fn) => void setTimeout(fn, 0) });
  const counted = { ...client, run: (...a: Parameters<typeof client.run>) => (runs++, client.run(...a)) };
  studio.load(shopModel());
  const runner = startAnalysis(studio, store, counted as typeof client);
  return { studio, store, runner, runs: () => runs };
}

/** Resolves once the store holds a result for the studio's current model version. */
function settled(studio: StudioStore, store: AnalysisStore): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const s = store.getState();
      if (s.result && s.status === 'idle' && s.modelVersion === studio.getState().modelVersion) {
        off();
        resolve();
      }
    };
    const off = store.subscribe(check);
    check();
  });
}

describe('live analysis runner', () => {
  it('re-runs on every edit the analysis can see, and not for moves', async () => {
    const { studio, store, runs } = setup();
    await settled(studio, store);
    expect(runs()).toBe(1);
    expect(store.getState().result!.entries.shoppers!.rps).toBe(400);
    studio.edit(moveNodes({ orders: { x: 10, y: 10 } }), { label: 'Move' });
    expect(runs()).toBe(1);
    studio.edit(setIn(['nodes', 'shoppers', 'rps'], 100_000), { label: 'rps' });
    await settled(studio, store);
    expect(runs()).toBe(2);
    const r = store.getState().result!;
    expect(r.findings.some((f) => f.rule === 'capacity.overload' && f.nodes[0] === 'orders')).toBe(true);
    expect(store.node('orders')).toMatchObject({ heat: 'over', worst: 'critical' });
  });

  it('tells only the nodes whose view changed', async () => {
    const { studio, store } = setup();
    await settled(studio, store);
    const told: string[] = [];
    for (const id of Object.keys(studio.model.nodes)) store.subscribeNode(id, () => told.push(id));
    // A new description changes no figure and no finding.
    studio.edit(setIn(['description'], 'Another description'), { label: 'desc' });
    await settled(studio, store);
    expect(told).toEqual([]);
    studio.edit(setIn(['nodes', 'orders', 'replicas'], 1), { label: 'replicas' });
    await settled(studio, store);
    expect(told).toContain('orders');
    expect(told).not.toContain('shoppers');
  });

  it('runs what-ifs as views: the model and the undo history stay as they are', async () => {
    const { studio, store } = setup();
    await settled(studio, store);
    const model = studio.model;
    const version = studio.getState().modelVersion;
    store.setWhatIf({ loadFactor: 10 });
    await new Promise<void>((resolve) => {
      const off = store.subscribe(() => {
        if (store.getState().resultWhatIf.loadFactor === 10 && store.getState().status === 'idle') {
          off();
          resolve();
        }
      });
    });
    let r = store.getState().result!;
    expect(r.entries.shoppers!.rps).toBe(4000);
    expect(r.summary.maxScale).toBeLessThan(1);
    store.toggleFailed('orders-db');
    await new Promise<void>((resolve) => {
      const off = store.subscribe(() => {
        if (store.getState().resultWhatIf.failed.length === 1 && store.getState().status === 'idle') {
          off();
          resolve();
        }
      });
    });
    r = store.getState().result!;
    expect(r.whatIf!.downEntries).toEqual(['shoppers']);
    expect(store.node('orders-db').whatIf).toBe('failed');
    expect(store.node('orders').whatIf).toBe('down');
    expect(studio.model).toBe(model);
    expect(studio.getState().modelVersion).toBe(version);
    expect(studio.getState().canUndo).toBe(false);
    store.resetWhatIf();
    expect(store.getState().whatIf).toEqual({ loadFactor: 1, failed: [] });
  });

  it('suppresses a finding with its reason as one undoable edit', async () => {
    const { studio, store } = setup();
    await settled(studio, store);
    const spof = store.getState().result!.findings.find((f) => f.rule === 'resilience.spof' && !f.suppressed)!;
    expect(spof).toBeDefined();
    studio.edit(suppressFinding(spof, '  Managed failover  '), { label: 'Suppress' });
    expect(studio.model.suppress).toContainEqual({ rule: 'resilience.spof', node: spof.nodes[0], reason: 'Managed failover' });
    await settled(studio, store);
    const after = store.getState().result!.findings.find((f) => f.rule === spof.rule && f.nodes[0] === spof.nodes[0])!;
    expect(after.suppressed).toBe(true);
    expect(after.suppressionReason).toBe('Managed failover');
    studio.undo();
    expect(studio.model.suppress ?? []).not.toContainEqual(expect.objectContaining({ reason: 'Managed failover' }));
    studio.redo();
    studio.edit(unsuppressFinding(after), { label: 'Restore' });
    expect(studio.model.suppress ?? []).not.toContainEqual(expect.objectContaining({ reason: 'Managed failover' }));
  });

  it('suppresses a link finding by its link', async () => {
    const { studio, store } = setup();
    await settled(studio, store);
    const f = store.getState().result!.findings.find((x) => x.links.length > 0 && !x.suppressed)!;
    studio.edit(suppressFinding(f, 'accepted'), { label: 'Suppress' });
    await settled(studio, store);
    const same = store.getState().result!.findings.find((x) => x.rule === f.rule && x.links[0] === f.links[0])!;
    expect(same.suppressed).toBe(true);
  });
});
