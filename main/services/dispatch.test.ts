import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/contract';
import { createMemoryStore } from '../store/memory-store';
import { StoreError } from '../store/types';
import { dispatch, toErrorBody } from './dispatch';
import { createHandlers, type Handlers } from './handlers';

const handlers = (): Handlers =>
  createHandlers({
    store: createMemoryStore(),
    templates: { listTemplates: () => [], readTemplate: () => undefined },
    mode: 'web',
  });

describe('dispatch', () => {
  it('refuses unknown operations, including inherited property names', async () => {
    for (const op of ['models.nope', '__proto__', 'constructor', 'toString', 42, undefined]) {
      const res = await dispatch(handlers(), op, {});
      expect(res).toMatchObject({ error: { code: 'unknown-operation' } });
    }
  });

  it('parses the input with the contract schema and reports zod messages', async () => {
    const res = await dispatch(handlers(), 'models.open', { id: '../etc/passwd' });
    expect(res).toMatchObject({ error: { code: 'invalid-input' } });
    if ('error' in res) expect(res.error.message).toMatch(/invalid input for models\.open.*id/s);
    const extra = await dispatch(handlers(), 'models.list', { trashed: false, evil: 1 });
    expect(extra).toMatchObject({ error: { code: 'invalid-input' } });
    const notObject = await dispatch(handlers(), 'models.list', 'hello');
    expect(notObject).toMatchObject({ error: { code: 'invalid-input' } });
  });

  it('treats missing input as {}', async () => {
    expect(await dispatch(handlers(), 'models.list', undefined)).toEqual({ result: [] });
  });

  it('maps store errors and hides the stack of unexpected ones', async () => {
    expect(await dispatch(handlers(), 'models.open', { id: 'missing' })).toMatchObject({
      error: { code: 'not-found' },
    });
    const logged: string[] = [];
    const broken = {
      ...handlers(),
      'models.list': () => {
        throw new TypeError('secret internals at /home/x');
      },
    } as Handlers;
    const res = await dispatch(broken, 'models.list', {}, { log: (m) => logged.push(m) });
    expect(res).toMatchObject({ error: { code: 'internal' } });
    expect(JSON.stringify(res)).not.toMatch(/secret|TypeError|at /);
    expect(logged[0]).toMatch(/secret internals/);
  });

  it('keeps problems on ApiErrors and maps StoreError codes', () => {
    const problems = [{ file: 'a', line: 1, col: 2, message: 'm' }];
    expect(toErrorBody(new ApiError('bad', 'invalid-model', problems))).toEqual({
      code: 'invalid-model',
      message: 'bad',
      problems,
    });
    expect(toErrorBody(new StoreError('trashed', 'in the trash'))).toEqual({
      code: 'conflict',
      message: 'in the trash',
    });
  });
});
