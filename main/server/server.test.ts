import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory-store';
import { CONTENT_SECURITY_POLICY } from './security';
import { SMALL_BODY_LIMIT, startServer, type RunningServer } from './server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function http(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: opts.method ?? 'GET',
        headers: { Host: `127.0.0.1:${port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const TOKEN = 'a'.repeat(43);
let root: string;
let srv: RunningServer;
let port: number;
const api = (op: string, body: unknown, headers: Record<string, string> = {}) =>
  http(port, `/api/${op}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Keel-Token': TOKEN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'keel-server-'));
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Keel</title>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'secret');
  symlinkSync(join(root, 'secret.txt'), join(dist, 'assets', 'link.txt'));
  srv = await startServer({
    staticDir: dist,
    store: createMemoryStore(),
    templates: { listTemplates: () => [], readTemplate: () => undefined },
    token: TOKEN,
    log: () => {},
  });
  port = srv.port;
});
afterAll(async () => {
  await srv.close();
  rmSync(root, { recursive: true, force: true });
});

describe('web-mode server', () => {
  it('listens on 127.0.0.1 only and prints a token URL', () => {
    expect(srv.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(srv.url).toBe(`http://127.0.0.1:${port}/?token=${TOKEN}`);
  });

  it('generates a 32-byte token when none is given', async () => {
    const other = await startServer({
      staticDir: root,
      store: createMemoryStore(),
      templates: { listTemplates: () => [], readTemplate: () => undefined },
    });
    try {
      expect(Buffer.from(other.token, 'base64url')).toHaveLength(32);
    } finally {
      await other.close();
    }
  });

  it('refuses pages without the token and sets an HttpOnly SameSite=Strict cookie with it', async () => {
    expect((await http(port, '/')).status).toBe(401);
    expect((await http(port, '/?token=wrong')).status).toBe(401);
    const first = await http(port, `/?token=${TOKEN}`);
    expect(first.status).toBe(200);
    expect(first.body).toContain('<title>Keel</title>');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toBe(`keel_token_${port}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`);
    const asset = await http(port, '/assets/app.js', { headers: { Cookie: `keel_token_${port}=${TOKEN}` } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    expect((await http(port, '/assets/app.js', { headers: { Cookie: `keel_token_${port}=nope` } })).status).toBe(401);
    // Cookies ignore ports: another server's cookie (same token even) is not this one's.
    expect(
      (await http(port, '/assets/app.js', { headers: { Cookie: `keel_token_${port + 1}=${TOKEN}` } })).status,
    ).toBe(401);
  });

  it('sends the strict security headers', async () => {
    const page = await http(port, `/?token=${TOKEN}`);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const refused = await http(port, '/');
    expect(refused.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('never serves a file outside the renderer folder', async () => {
    const cookie = { Cookie: `keel_token_${port}=${TOKEN}` };
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/link.txt',
      '/%00index.html',
      '/..%5csecret.txt',
    ]) {
      const res = await http(port, path, { headers: cookie });
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('secret');
    }
  });

  it('refuses a wrong Host (DNS rebinding) and a foreign Origin', async () => {
    expect((await http(port, `/?token=${TOKEN}`, { headers: { Host: `evil.example:${port}` } })).status).toBe(403);
    expect((await api('models.list', {}, { Host: `attacker.test:${port}` })).status).toBe(403);
    expect((await http(port, `/?token=${TOKEN}`, { headers: { Host: `localhost:${port}` } })).status).toBe(200);
    expect((await api('models.list', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('models.list', {}, { Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await api('models.list', {}, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await api('models.list', {}, { 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    // A link from another site may open the page (the token is still needed), not load its scripts.
    const nav = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' };
    expect((await http(port, `/?token=${TOKEN}`, { headers: nav })).status).toBe(200);
    expect((await http(port, '/', { headers: nav })).status).toBe(401);
    const script = {
      'Sec-Fetch-Site': 'cross-site',
      'Sec-Fetch-Mode': 'no-cors',
      'Sec-Fetch-Dest': 'script',
      Cookie: `keel_token_${port}=${TOKEN}`,
    };
    expect((await http(port, '/assets/app.js', { headers: script })).status).toBe(403);
  });

  it('requires the token header on the API; the cookie alone is not enough', async () => {
    const res = await http(port, '/api/models.list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: `keel_token_${port}=${TOKEN}` },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'forbidden' } });
    expect((await api('models.list', {}, { 'X-Keel-Token': 'b'.repeat(43) })).status).toBe(401);
  });

  it('runs operations and maps errors to statuses', async () => {
    const list = await api('models.list', {});
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body)).toEqual({ result: [] });
    const missing = await api('models.open', { id: 'nope' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ error: { code: 'not-found' } });
    const invalid = await api('models.open', { id: '../x' });
    expect(invalid.status).toBe(400);
    expect((await api('models.frobnicate', {})).status).toBe(404);
    expect((await api('models.list', '{not json')).status).toBe(400);
    expect((await http(port, '/api/models.list', { headers: { 'X-Keel-Token': TOKEN } })).status).toBe(405);
    const form = await api('models.list', 'a=b', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
  });

  it('limits body sizes: 64 KiB for small operations, 25 MiB for YAML ones', async () => {
    const big = JSON.stringify({ trashed: false, pad: 'x'.repeat(SMALL_BODY_LIMIT) });
    expect((await api('models.list', big)).status).toBe(413);
    // Streamed without a Content-Length: still cut off.
    const chunked = await api('models.list', big, { 'Transfer-Encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    // 1 MiB of YAML is fine for analysis (reaches the handler, which rejects the text as a model).
    const yamlOp = await api('models.import', { fileName: 'x.keel.yaml', text: 'x'.repeat(1024 * 1024) });
    expect(yamlOp.status).not.toBe(413);
    const huge = await api('models.import', { fileName: 'x.keel.yaml', text: 'x'.repeat(26 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });
});
