import { describe, expect, it } from 'vitest';
import { parseModel } from '../../../shared/parse';
import { generateModel } from '../../../shared/testing/generate-model';
import { updateModelText, writeModel } from '../../../shared/write';
import { handleTextRequest } from './text-worker';

describe('code view text worker', () => {
  it('answers with what the Document route writes, comments kept, for a change the line patch hands back', () => {
    const model = generateModel({ nodes: 40, links: 80, seed: 3 });
    const text = `# hand-written header\n${writeModel(model)}`;
    const next = { ...model, description: 'Changed: yes # not a comment' };
    const r = handleTextRequest({ id: 7, text, model: next });
    expect(r).toEqual({ id: 7, text: updateModelText(text, next) });
    if (!('text' in r)) throw new Error('no text');
    expect(r.text.startsWith('# hand-written header\n')).toBe(true);
    expect(parseModel(r.text, 'm.keel.yaml').model).toEqual(next);
  });

  it('reports a failure as an error message with the request id', () => {
    const r = handleTextRequest({ id: 3, text: 'keel: 1\n', model: null as never });
    expect(r).toMatchObject({ id: 3, error: expect.any(String) });
  });
});
