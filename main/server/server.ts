/**
 * Web mode: the studio's renderer and API over HTTP on 127.0.0.1 only.
 *
 * Token flow: the printed URL carries `?token=`; loading the page with it sets
 * an HttpOnly SameSite=Strict cookie (so the page's scripts, styles and worker
 * load), and the renderer keeps the token from the URL in sessionStorage and
 * sends it as `X-Keel-Token` on every `POST /api/<op>`. The API never accepts
 * the cookie alone, so another site cannot ride on it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { YAML_OPERATIONS, type ApiErrorCode, type ApiResponse } from '../../shared/api/contract';
import { TOKEN_HEADER, TOKEN_PARAM } from '../../shared/api/transports';
import { dispatch } from '../services/dispatch';
import { createHandlers, type ServiceContext } from '../services/handlers';
import type { ModelStore } from '../store/types';
import {
  SECURITY_HEADERS,
  allowedHosts,
  newToken,
  originAllowed,
  readCookie,
  tokenCookie,
  tokenCookieName,
  tokensEqual,
} from './security';
import { NOT_BUILT_MESSAGE, contentType, readStatic, rendererBuilt, resolveStaticFile } from './static-files';

export const YAML_BODY_LIMIT = 25 * 1024 * 1024;
export const SMALL_BODY_LIMIT = 64 * 1024;

export const STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  'invalid-input': 400,
  'unknown-operation': 404,
  'not-found': 404,
  conflict: 409,
  'invalid-model': 422,
  forbidden: 403,
  'too-large': 413,
  internal: 500,
};

export interface ServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  store: ModelStore;
  templates: ServiceContext['templates'];
  storePath?: string;
  version?: string;
  /** Fixed token (tests); default: 32 random bytes. */
  token?: string;
  log?: (message: string) => void;
}

export interface RunningServer {
  port: number;
  token: string;
  /** http://127.0.0.1:PORT/?token=TOKEN */
  url: string;
  server: Server;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: ApiResponse): void {
  send(res, status, JSON.stringify(body), 'application/json; charset=utf-8');
}

function refuse(res: ServerResponse, status: number, code: ApiErrorCode, message: string, api: boolean): void {
  if (api) sendJson(res, status, { error: { code, message } });
  else send(res, status, message + '\n', 'text/plain; charset=utf-8');
}

/** Reads the body up to `limit` bytes; resolves null (and stops reading) when it is larger. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolvePromise(null);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolvePromise(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const log = options.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const handlers = createHandlers({
    store: options.store,
    templates: options.templates,
    mode: 'web',
    storePath: options.storePath,
    version: options.version,
  });
  let hosts = new Set<string>();
  let port = 0;

  async function handleApi(req: IncomingMessage, res: ServerResponse, op: string): Promise<void> {
    if (req.method !== 'POST') {
      refuse(res, 405, 'forbidden', 'the API takes POST only', true);
      return;
    }
    if (!tokensEqual(req.headers[TOKEN_HEADER.toLowerCase()] as string | undefined, token)) {
      refuse(res, 401, 'forbidden', `missing or wrong ${TOKEN_HEADER} header`, true);
      return;
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      refuse(res, 415, 'invalid-input', 'the API takes application/json only', true);
      return;
    }
    const limit = YAML_OPERATIONS.includes(op) ? YAML_BODY_LIMIT : SMALL_BODY_LIMIT;
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      refuse(res, 413, 'too-large', `request body over ${limit} bytes`, true);
      req.resume();
      return;
    }
    const body = await readBody(req, limit);
    if (body === null) {
      refuse(res, 413, 'too-large', `request body over ${limit} bytes`, true);
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      refuse(res, 400, 'invalid-input', 'the request body is not valid JSON', true);
      return;
    }
    const response = await dispatch(handlers, op, input, { log });
    sendJson(res, 'error' in response ? STATUS_BY_CODE[response.error.code] : 200, response);
  }

  function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuse(res, 405, 'forbidden', 'method not allowed', false);
      return;
    }
    const fromQuery = url.searchParams.get(TOKEN_PARAM);
    const fromCookie = readCookie(req.headers.cookie, tokenCookieName(port));
    const queryOk = tokensEqual(fromQuery, token);
    if (!queryOk && !tokensEqual(fromCookie, token)) {
      refuse(
        res,
        401,
        'forbidden',
        'Keel: open the URL that `keel serve` printed (it carries the access token).',
        false,
      );
      return;
    }
    const extra: Record<string, string> = queryOk ? { 'Set-Cookie': tokenCookie(port, token) } : {};
    if (!rendererBuilt(options.staticDir)) {
      send(res, 503, NOT_BUILT_MESSAGE + '\n', 'text/plain; charset=utf-8', extra);
      return;
    }
    const file = resolveStaticFile(options.staticDir, url.pathname);
    if (!file) {
      send(res, 404, 'not found\n', 'text/plain; charset=utf-8', extra);
      return;
    }
    const isHtml = file.endsWith('.html');
    const body = readStatic(file);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentType(file),
      'Content-Length': String(body.length),
      'Cache-Control': isHtml ? 'no-store' : 'no-cache',
      ...extra,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    const isApi = (req.url ?? '').startsWith('/api/');
    if (!hosts.has(host)) {
      refuse(res, 403, 'forbidden', 'Host not allowed (Keel answers on 127.0.0.1 and localhost only)', isApi);
      return;
    }
    // Another site may link to the studio (a top-level GET navigation still
    // needs the token); it may not fetch, post to or embed anything from it.
    const crossSite = req.headers['sec-fetch-site'] === 'cross-site' || req.headers['sec-fetch-site'] === 'same-site';
    const navigation =
      req.method === 'GET' &&
      req.headers['sec-fetch-mode'] === 'navigate' &&
      req.headers['sec-fetch-dest'] === 'document';
    if (!originAllowed(req.headers.origin, host) || (crossSite && (isApi || !navigation))) {
      refuse(res, 403, 'forbidden', 'cross-origin request refused', isApi);
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${host}`);
    } catch {
      refuse(res, 400, 'invalid-input', 'bad request URL', isApi);
      return;
    }
    if (url.pathname.startsWith('/api/')) await handleApi(req, res, url.pathname.slice('/api/'.length));
    else handleStatic(req, res, url);
  }

  const server = createServer({ maxHeaderSize: 16 * 1024 }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      log(`keel: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.headersSent) refuse(res, 500, 'internal', 'internal error', (req.url ?? '').startsWith('/api/'));
      else res.destroy();
    });
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: HOST }, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(port);

  return {
    port,
    token,
    url: `http://${HOST}:${port}/?${TOKEN_PARAM}=${token}`,
    server,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        server.closeAllConnections();
      }),
  };
}
