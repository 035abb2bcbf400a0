import { describe, expect, it } from 'vitest';
import { ApiError, type KeelBridge } from './contract';
import { connectKeelApi, httpSend, readWebToken, TOKEN_STORAGE_KEY } from './transports';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('transports', () => {
  it('takes the token from the URL once and keeps it in sessionStorage', () => {
    const storage = memoryStorage();
    expect(readWebToken('?token=abc', storage)).toBe('abc');
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe('abc');
    expect(readWebToken('', storage)).toBe('abc');
    expect(readWebToken('', memoryStorage())).toBeNull();
  });

  it('posts JSON with the token header and unwraps errors', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return new Response(JSON.stringify({ error: { code: 'not-found', message: 'gone' } }), { status: 404 });
    }) as unknown as typeof fetch;
    const send = httpSend('tok', fakeFetch);
    await expect(send('models.open', { id: 'x' })).rejects.toMatchObject({ code: 'not-found', message: 'gone' });
    expect(seen[0]!.url).toBe('/api/models.open');
    expect((seen[0]!.init.headers as Record<string, string>)['X-Keel-Token']).toBe('tok');
    const down = httpSend('tok', (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch);
    await expect(down('models.list', {})).rejects.toBeInstanceOf(ApiError);
  });

  it('prefers the desktop bridge when present', async () => {
    const bridge = { 'models.list': async () => ({ result: ['m'] }) } as unknown as KeelBridge;
    const { api, mode } = connectKeelApi({ keel: bridge, location: { search: '' }, sessionStorage: memoryStorage() });
    expect(mode).toBe('desktop');
    expect(await api['models.list']({})).toEqual(['m']);
    expect(connectKeelApi({ location: { search: '?token=t' }, sessionStorage: memoryStorage() }).mode).toBe('web');
  });
});
