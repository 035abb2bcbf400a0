/**
 * The renderer's one handle on the back end. Which transport it is (the
 * preload bridge in the desktop app, HTTP in web mode) is decided once here.
 */
import type { KeelApi } from '../../../shared/api/contract';
import { connectKeelApi, TOKEN_PARAM } from '../../../shared/api/transports';

const connected = connectKeelApi(window as unknown as Parameters<typeof connectKeelApi>[0]);

// The token now lives in sessionStorage: take it out of the address bar so it
// does not end up in screenshots, history or a shared link.
if (connected.mode === 'web' && new URLSearchParams(location.search).has(TOKEN_PARAM)) {
  const url = new URL(location.href);
  url.searchParams.delete(TOKEN_PARAM);
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}

export const api: KeelApi = connected.api;
export const apiMode = connected.mode;

/** A message fit for the user from whatever a call threw. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
