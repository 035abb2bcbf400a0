/**
 * The renderer is served from `keel://app/` through protocol.handle, not
 * file:// (which would give every local file the page's origin). Responses
 * carry the same CSP and headers as web mode.
 */
import { readFile } from 'node:fs/promises';
import { SECURITY_HEADERS } from '../server/security';
import { contentType, NOT_BUILT_MESSAGE, rendererBuilt, resolveStaticFile } from '../server/static-files';
import type { ProtocolLike } from './electron-types';

export const APP_SCHEME = 'keel';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs of the app itself (keel://app/...). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** Must run before the app is ready: keel:// behaves like https (secure, standard, fetch). */
export function registerAppScheme(protocol: ProtocolLike): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

export function createAppProtocolHandler(staticDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return textResponse(400, 'bad request');
    }
    if (!isAppUrl(request.url)) return textResponse(404, 'not found');
    if (!rendererBuilt(staticDir)) return textResponse(503, NOT_BUILT_MESSAGE);
    const file = resolveStaticFile(staticDir, url.pathname);
    if (!file) return textResponse(404, 'not found');
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentType(file), 'Cache-Control': 'no-cache' },
    });
  };
}

export function registerAppProtocol(protocol: ProtocolLike, staticDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(staticDir));
}
