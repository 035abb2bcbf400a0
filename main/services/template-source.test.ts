import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory-store';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';
import { templateSource } from './template-source';
import { TEMPLATES_DIR } from '../templates/index';

describe('models.create over the shipped templates', () => {
  it('creates a valid, analysable model from every template', async () => {
    const h = createHandlers({ store: createMemoryStore(), templates: templateSource(), mode: 'web' });
    const list = await dispatch(h, 'templates.list', {});
    if (!('result' in list)) throw new Error(list.error.message);
    const templates = list.result as { id: string; name: string }[];
    expect(templates.length).toBeGreaterThanOrEqual(4);
    for (const t of templates) {
      const created = await dispatch(h, 'models.create', { template: t.id, name: `From ${t.id}` });
      if (!('result' in created)) throw new Error(`${t.id}: ${created.error.message}`);
      const model = created.result as { yaml: string; name: string };
      expect(model.name).toBe(`From ${t.id}`);
      const analysed = await dispatch(h, 'analysis.run', { yaml: model.yaml });
      expect(analysed, t.id).toHaveProperty('result.summary');
    }
    expect(await dispatch(h, 'templates.get', { id: '../package' })).toMatchObject({ error: { code: 'not-found' } });
  });

  it('reads templates from an explicit folder (the desktop app passes its resources)', () => {
    expect(templateSource(TEMPLATES_DIR).listTemplates()).toEqual(templateSource().listTemplates());
  });
});
