import { describe, expect, it } from 'vitest';
import type { Model } from '../../../shared/model/types';
import { addNode, connect, deleteElements, moveNodes, setIn, uniqueId } from './commands';
import { copyFragment, pasteRecipe } from './clipboard';
import { StudioStore } from './store';

const base = (): Model => ({
  keel: 1,
  name: 'Shop',
  nodes: { api: { kind: 'service', replicas: 2 }, db: { kind: 'database' } },
  links: [{ from: 'api', to: 'db' }],
  layout: { api: { x: 0, y: 0 }, db: { x: 300, y: 0 } },
});

describe('StudioStore', () => {
  it('undoes and redoes edits as reversed patches', () => {
    const s = new StudioStore();
    s.load(base());
    s.edit(addNode('service-2', 'service', { x: 10, y: 20 }), { label: 'Add' });
    s.edit(setIn(['nodes', 'api', 'replicas'], 5), { label: 'Replicas' });
    expect(s.model.nodes['service-2']).toEqual({ kind: 'service' });
    expect(s.model.nodes.api).toMatchObject({ replicas: 5 });
    s.undo();
    expect(s.model.nodes.api).toMatchObject({ replicas: 2 });
    s.undo();
    expect(s.model.nodes['service-2']).toBeUndefined();
    expect(s.getState().canUndo).toBe(false);
    s.redo();
    s.redo();
    expect(s.model.nodes.api).toMatchObject({ replicas: 5 });
    expect(s.model.layout?.['service-2']).toEqual({ x: 10, y: 20 });
  });

  it('folds a drag into one undo step', () => {
    const s = new StudioStore();
    s.load(base());
    for (let i = 1; i <= 30; i++) s.edit(moveNodes({ api: { x: i, y: i } }), { label: 'Move', coalesce: 'drag:1' });
    s.seal();
    s.edit(moveNodes({ api: { x: 99, y: 0 } }), { label: 'Move', coalesce: 'drag:1' });
    s.undo();
    expect(s.model.layout?.api).toEqual({ x: 30, y: 30 });
    s.undo();
    expect(s.model.layout?.api).toEqual({ x: 0, y: 0 });
    expect(s.getState().canUndo).toBe(false);
  });

  it('loading a model clears the history and a no-op edit records nothing', () => {
    const s = new StudioStore();
    s.load(base());
    expect(s.edit(moveNodes({ api: { x: 0, y: 0 } }), { label: 'Move' })).toBe(false);
    s.edit(setIn(['description'], 'x'), { label: 'Describe' });
    s.load(base());
    expect(s.getState().canUndo).toBe(false);
  });

  it('deletes nodes with their links and prunes the selection', () => {
    const s = new StudioStore();
    s.load(base(), ['db', 'api->db']);
    s.edit(deleteElements(['db']), { label: 'Delete' });
    expect(s.model.links).toEqual([]);
    expect(s.model.layout?.db).toBeUndefined();
    expect([...s.getState().selection]).toEqual([]);
  });

  it('removing the last field of an object prunes it', () => {
    const s = new StudioStore();
    s.load(base());
    s.edit(setIn(['nodes', 'api', 'capacity', 'rps'], 100), { label: 'Capacity' });
    expect(s.model.nodes.api).toMatchObject({ capacity: { rps: 100 } });
    s.edit(setIn(['nodes', 'api', 'capacity', 'rps'], undefined), { label: 'Capacity' });
    expect('capacity' in s.model.nodes.api!).toBe(false);
  });

  it('connects, copies and pastes with fresh ids and remapped links', () => {
    const s = new StudioStore();
    s.load(base());
    s.edit(connect('db', 'db'), { label: 'Connect' });
    expect(s.model.links).toHaveLength(1);
    copyFragment(s.model, ['api', 'db']);
    const p = pasteRecipe(s.model)!;
    s.edit(p.recipe, { label: 'Paste' });
    expect(p.ids).toEqual(['api-2', 'db-2']);
    expect(s.model.links).toContainEqual({ from: 'api-2', to: 'db-2' });
    expect(s.model.layout?.['api-2']).toEqual({ x: 32, y: 32 });
  });

  it('makes unique ids from a kind', () => {
    const taken = new Set(['service', 'service-2']);
    expect(uniqueId('service', (x) => taken.has(x))).toBe('service-3');
    expect(uniqueId('database', (x) => taken.has(x))).toBe('database');
  });
});
