import { describe, expect, it } from 'vitest';
import { ApiError, contract, createApiClient, unwrapResponse, YAML_OPERATIONS } from './contract';
import { MENU_COMMANDS, OPERATION_NAMES } from './names';

describe('contract', () => {
  it('lists every operation in OPERATION_NAMES (the preload exposes exactly these)', () => {
    expect([...OPERATION_NAMES].sort()).toEqual(Object.keys(contract).sort());
  });
  it('names only real operations as YAML-carrying', () => {
    for (const op of YAML_OPERATIONS) expect(Object.keys(contract)).toContain(op);
  });
  it('has the menu commands the desktop menu sends', () => {
    expect(MENU_COMMANDS).toContain('new-from-template');
    expect(new Set(MENU_COMMANDS).size).toBe(MENU_COMMANDS.length);
  });
  it('unwraps results and rethrows errors with their code and problems', () => {
    expect(unwrapResponse({ result: 3 })).toBe(3);
    const problems = [{ file: 'f', line: 1, col: 1, message: 'm' }];
    try {
      unwrapResponse({ error: { code: 'invalid-model', message: 'bad', problems } });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ code: 'invalid-model', message: 'bad', problems });
    }
    expect(() => unwrapResponse('nonsense')).toThrow(ApiError);
  });
  it('builds a client with one function per operation', async () => {
    const calls: [string, unknown][] = [];
    const api = createApiClient(async (op, input) => {
      calls.push([op, input]);
      return [];
    });
    await api['models.list']({});
    expect(calls).toEqual([['models.list', {}]]);
    expect(Object.keys(api).sort()).toEqual(Object.keys(contract).sort());
  });
});
