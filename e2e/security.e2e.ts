/**
 * Web mode's guards, checked from the outside: the real `keel serve`, real
 * HTTP requests and a real Chromium. (The Electron shell's navigation guards
 * are unit-tested in main/desktop/window.test.ts: Electron cannot run here.)
 */
import { createServer, request, type Server } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  callApi,
  guardPage,
  launchBrowser,
  openStudio,
  runServe,
  screenshot,
  startStudio,
  type Studio,
} from './harness';

let studio: Studio;
let browser: Browser;

beforeAll(async () => {
  studio = await startStudio();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  expect(await studio?.stop()).toBe(0);
});

function rawRequest(
  port: number,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  body?: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

describe('web mode security', () => {
  it('prints a loopback URL with a 32-byte token and serves the studio with it', async () => {
    expect(studio.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const { page, guard, context } = await openStudio(browser, studio);
    try {
      const title = await page.title();
      expect(title).toMatch(/Keel/);
      // The token cookie is HttpOnly: scripts cannot read it.
      expect(await page.evaluate(() => document.cookie)).not.toContain(studio.token);
      const cookies = await context.cookies();
      expect(cookies.find((c) => c.name === `keel_token_${studio.port}`)).toMatchObject({
        httpOnly: true,
        sameSite: 'Strict',
      });
      await page.waitForLoadState('networkidle');
      await screenshot(page, 'security-studio-loaded');
      guard.assertClean();
    } finally {
      await context.close();
    }
  });

  it('the renderer reaches the API with the token header, also after a reload', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const guard = guardPage(page);
      const apiCalls: { status: number; token: string | null }[] = [];
      page.on('response', (res) => {
        if (new URL(res.url()).pathname.startsWith('/api/')) {
          apiCalls.push({ status: res.status(), token: res.request().headers()['x-keel-token'] ?? null });
        }
      });
      const firstCall = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/'));
      await page.goto(studio.url);
      expect((await firstCall).status()).toBe(200);
      // The token left the address bar but stays in sessionStorage for reloads.
      await expect.poll(() => new URL(page.url()).searchParams.has('token')).toBe(false);
      expect(await page.evaluate(() => sessionStorage.getItem('keel.token'))).toBe(studio.token);
      apiCalls.length = 0;
      const again = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/'));
      const reload = await page.reload();
      expect(reload?.status()).toBe(200); // the HttpOnly cookie carries the page load
      expect((await again).status()).toBe(200);
      expect(apiCalls.every((c) => c.status === 200 && c.token === studio.token)).toBe(true);
      guard.assertClean();
    } finally {
      await context.close();
    }
  });

  it('refuses the page and the API without the token', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const res = await page.goto(`${studio.origin}/`);
      expect(res?.status()).toBe(401);
      expect(await page.textContent('body')).toMatch(/URL that `keel serve` printed/);
      const wrong = await page.goto(`${studio.origin}/?token=${'x'.repeat(43)}`);
      expect(wrong?.status()).toBe(401);
    } finally {
      await context.close();
    }
    const noToken = await fetch(`${studio.origin}/api/models.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await callApi(studio, 'models.list')).status).toBe(200);
  });

  it('refuses a wrong Host header, also from a browser whose DNS was rebound to 127.0.0.1', async () => {
    expect(await rawRequest(studio.port, `/?token=${studio.token}`, { Host: `evil.example:${studio.port}` })).toBe(403);
    expect(
      await rawRequest(
        studio.port,
        '/api/models.list',
        {
          Host: `127.0.0.1.evil.example:${studio.port}`,
          'Content-Type': 'application/json',
          'X-Keel-Token': studio.token,
        },
        'POST',
        '{}',
      ),
    ).toBe(403);
    const rebound = await launchBrowser(['--host-resolver-rules=MAP rebind.attacker.test 127.0.0.1']);
    try {
      const page = await rebound.newPage();
      const res = await page.goto(`http://rebind.attacker.test:${studio.port}/?token=${studio.token}`);
      expect(res?.status()).toBe(403);
    } finally {
      await rebound.close();
    }
  });

  it('refuses a cross-origin POST, even one that knows the token', async () => {
    const attacker: Server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>attacker</title>');
    });
    await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
    const attackerPort = (attacker.address() as { port: number }).port;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${attackerPort}/`);
      const outcome = await page.evaluate(
        async ({ origin, token }) => {
          const results: string[] = [];
          try {
            const r = await fetch(`${origin}/api/models.create`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', 'X-Keel-Token': token },
              body: JSON.stringify({ name: 'planted' }),
            });
            results.push(`cors:${r.status}`);
          } catch {
            results.push('cors:blocked');
          }
          // A "simple" request needs no preflight: it must still not create anything.
          await fetch(`${origin}/api/models.create`, {
            method: 'POST',
            mode: 'no-cors',
            headers: { 'Content-Type': 'text/plain' },
            body: JSON.stringify({ name: 'planted' }),
          }).catch(() => undefined);
          return results;
        },
        { origin: studio.origin, token: studio.token },
      );
      expect(outcome).toEqual(['cors:blocked']);
    } finally {
      await context.close();
      await new Promise((r) => attacker.close(r));
    }
    // The same request from outside a browser, with a foreign Origin: 403.
    const status = await rawRequest(
      studio.port,
      '/api/models.create',
      {
        Host: `127.0.0.1:${studio.port}`,
        Origin: `http://127.0.0.1:${attackerPort}`,
        'Content-Type': 'application/json',
        'X-Keel-Token': studio.token,
      },
      'POST',
      JSON.stringify({ name: 'planted' }),
    );
    expect(status).toBe(403);
    const list = (await (await callApi(studio, 'models.list')).json()) as { result: { name: string }[] };
    expect(list.result.map((m) => m.name)).not.toContain('planted');
  });

  it('refuses oversized bodies', async () => {
    const small = await callApi(studio, 'models.list', { pad: 'x'.repeat(70 * 1024) });
    expect(small.status).toBe(413);
    const yaml = await callApi(studio, 'analysis.run', { yaml: 'x'.repeat(26 * 1024 * 1024) });
    expect(yaml.status).toBe(413);
  });

  it('is not reachable on a non-loopback address of this machine', async (ctx) => {
    const addresses = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address);
    if (addresses.length === 0) ctx.skip();
    for (const address of addresses) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port: studio.port, timeout: 3000 });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('timeout', () => {
          socket.destroy();
          resolve('timeout');
        });
        socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      });
      expect(outcome, address).not.toBe('connected');
    }
  });

  it('forbids inline scripts and eval through the CSP', async () => {
    const { page, guard, context } = await openStudio(browser, studio);
    try {
      guard.allow(/Content Security Policy|unsafe-eval|unsafe-inline/);
      const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
      expect(csp).toContain("script-src 'self'");
      const ran = await page.evaluate(() => {
        const w = window as unknown as { __inlineRan?: boolean };
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true';
        document.head.appendChild(s);
        return w.__inlineRan === true;
      });
      expect(ran).toBe(false);
      // Strings as code (eval, setTimeout with a string) are refused too: no 'unsafe-eval'.
      const evalRan = await page.evaluate(async () => {
        const w = window as unknown as { __evalRan?: boolean };
        (setTimeout as unknown as (code: string, ms: number) => void)('window.__evalRan = true', 0);
        await new Promise((r) => setTimeout(r, 200));
        return w.__evalRan === true;
      });
      expect(evalRan).toBe(false);
      // A handler attribute is inline script too.
      const attr = await page.evaluate(async () => {
        const w = window as unknown as { __attrRan?: boolean };
        const img = document.createElement('img');
        img.setAttribute('onerror', 'window.__attrRan = true');
        img.src = 'data:,broken';
        document.body.appendChild(img);
        await new Promise((r) => setTimeout(r, 200));
        return w.__attrRan === true;
      });
      expect(attr).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('refuses an invalid FILE with positioned errors and exit 1, leaving the store alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-e2e-bad-'));
    try {
      const file = join(dir, 'broken.keel.yaml');
      writeFileSync(file, 'keel: 1\nname: Broken\nnodes:\n  api: { kind: service, replicas: many }\n');
      const run = await runServe(['--db', join(dir, 'keel.db'), file]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/broken\.keel\.yaml:4:\d+: /);
      expect(run.stdout).not.toMatch(/Keel studio:/);
      expect(existsSync(join(dir, 'keel.db'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens a valid FILE: imported into the store, the URL names the model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-e2e-file-'));
    const file = join(dir, 'shop.keel.yaml');
    writeFileSync(file, 'keel: 1\nname: Tiny shop\nnodes:\n  web: { kind: client, rps: 5 }\n');
    const withFile = await startStudio({ file, dbPath: join(dir, 'keel.db') });
    try {
      const m = /#\/model\/([A-Za-z0-9_-]+)$/.exec(withFile.url);
      expect(m).not.toBeNull();
      const res = (await (await callApi(withFile, 'models.open', { id: m![1] })).json()) as {
        result: { name: string };
      };
      expect(res.result.name).toBe('Tiny shop');
    } finally {
      expect(await withFile.stop()).toBe(0);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
