import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../server/security';
import { createAppProtocolHandler, isAppUrl, registerAppScheme } from './app-protocol';
import { fakeElectron } from './fake-electron.test-helpers';

const root = mkdtempSync(join(tmpdir(), 'keel-protocol-'));
const dist = join(root, 'renderer');
mkdirSync(join(dist, 'assets'), { recursive: true });
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Keel</title>');
writeFileSync(join(dist, 'assets', 'app.js'), 'export {}');
writeFileSync(join(root, 'secret.txt'), 'secret');
afterAll(() => rmSync(root, { recursive: true, force: true }));
const handler = createAppProtocolHandler(dist);

describe('keel:// protocol', () => {
  it('is registered as a standard, secure scheme', () => {
    const electron = fakeElectron(root);
    registerAppScheme(electron.protocol);
    expect(electron.fake.schemes).toEqual([
      { scheme: 'keel', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
  });

  it('serves the renderer with the CSP and nosniff headers', async () => {
    const res = await handler(new Request('keel://app/index.html'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Keel</title>');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await handler(new Request('keel://app/assets/app.js'));
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await handler(new Request('keel://app/'))).status).toBe(200);
  });

  it('serves nothing outside the renderer folder or for another host', async () => {
    for (const url of [
      'keel://app/../secret.txt',
      'keel://app/%2e%2e/secret.txt',
      'keel://app/assets/..%2f..%2fsecret.txt',
      'keel://other/index.html',
      'keel://app/missing.js',
    ]) {
      const res = await handler(new Request(url));
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    expect((await handler(new Request('keel://app/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('explains a missing build', async () => {
    const res = await createAppProtocolHandler(join(root, 'nothing'))(new Request('keel://app/index.html'));
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build:renderer/);
  });

  it('recognises app URLs', () => {
    expect(isAppUrl('keel://app/index.html#/model/a')).toBe(true);
    expect(isAppUrl('keel://app.evil/index.html')).toBe(false);
    expect(isAppUrl('keel://x@app/')).toBe(false);
    expect(isAppUrl('https://app/')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});
