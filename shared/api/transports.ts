/**
 * The two ways the renderer reaches the back end, both ending in a KeelApi
 * (createApiClient): HTTP in web mode (`keel serve`), the preload bridge in the
 * desktop app. The renderer calls `connectKeelApi()` and does not care which.
 */
import {
  ApiError,
  createApiClient,
  unwrapResponse,
  type KeelApi,
  type KeelBridge,
  type OperationName,
} from './contract';

/** The header that carries the web-mode token on every API request. */
export const TOKEN_HEADER = 'X-Keel-Token';
/** Query parameter of the URL `keel serve` prints. */
export const TOKEN_PARAM = 'token';
/** sessionStorage key the renderer keeps the token under (survives reloads, not tabs). */
export const TOKEN_STORAGE_KEY = 'keel.token';

export type Send = (op: OperationName, input: unknown) => Promise<unknown>;

/** Web mode: `POST /api/<op>` with a JSON body and the token header. */
export function httpSend(token: string, fetchImpl: typeof fetch = fetch, base = ''): Send {
  return async (op, input) => {
    let res: Response;
    try {
      res = await fetchImpl(`${base}/api/${op}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError('The Keel server cannot be reached (was `keel serve` stopped?)', 'internal');
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new ApiError(`The Keel server answered HTTP ${res.status} without a result`, 'internal');
    }
    return unwrapResponse(body);
  };
}

/** Desktop: the preload's `window.keel` functions return response envelopes. */
export function bridgeSend(bridge: KeelBridge): Send {
  return async (op, input) => {
    const fn = bridge[op] as (input: unknown) => Promise<unknown>;
    return unwrapResponse(await fn(input ?? {}));
  };
}

/**
 * Web mode's token: taken from `?token=` on first load, then kept in
 * sessionStorage (and removed from the address bar by the caller, if it likes).
 */
export function readWebToken(search: string, storage: Pick<Storage, 'getItem' | 'setItem'>): string | null {
  const fromUrl = new URLSearchParams(search).get(TOKEN_PARAM);
  if (fromUrl) {
    storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    return fromUrl;
  }
  return storage.getItem(TOKEN_STORAGE_KEY);
}

/** The renderer's one entry point: the bridge when running in the desktop app, else HTTP. */
export function connectKeelApi(win: {
  keel?: KeelBridge;
  location: { search: string };
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}): { api: KeelApi; mode: 'desktop' | 'web' } {
  if (win.keel) return { api: createApiClient(bridgeSend(win.keel)), mode: 'desktop' };
  const token = readWebToken(win.location.search, win.sessionStorage) ?? '';
  return { api: createApiClient(httpSend(token)), mode: 'web' };
}
