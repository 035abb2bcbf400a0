/** `keel serve` as a user runs it: a real child process, real port, real SQLite file. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite-store';
import { defaultDbPath } from './serve';

const ROOT = resolve(__dirname, '../..');
const KEEL = join(ROOT, 'bin', 'keel.mjs');
const dir = mkdtempSync(join(tmpdir(), 'keel-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

describe('keel serve', () => {
  it('listens on a fixed --port, answers, and stops cleanly on SIGINT with the store closed', async () => {
    const port = await freePort();
    const db = join(dir, 'nested', 'store', 'keel.db');
    const child = spawn(process.execPath, [KEEL, 'serve', '--port', String(port), '--db', db], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    await expect.poll(() => out, { timeout: 30_000 }).toMatch(/Keel studio: /);
    const m = /Keel studio: http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/.exec(out)!;
    expect(Number(m[1])).toBe(port);
    const res = await fetch(`http://127.0.0.1:${port}/api/models.create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Keel-Token': m[2]! },
      body: JSON.stringify({ name: 'Kept' }),
    });
    expect(res.status).toBe(200);
    const info = await fetch(`http://127.0.0.1:${port}/api/app.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Keel-Token': m[2]! },
      body: '{}',
    });
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(await info.json()).toEqual({ result: { version, mode: 'web', storePath: db } });
    const code = await new Promise<number | null>((r) => {
      child.once('exit', (c) => r(c));
      child.kill('SIGINT');
    });
    expect(code).toBe(0);
    // Closed cleanly: the WAL was checkpointed away and the model is there.
    expect(existsSync(`${db}-wal`)).toBe(false);
    const store = openSqliteStore(db);
    try {
      expect(store.listModels().map((s) => s.name)).toEqual(['Kept']);
    } finally {
      store.close();
    }
  });

  it('refuses a bad --port, a port in use, an unknown option, a missing file (exit 2, one line)', async () => {
    const bad = spawnSync(process.execPath, [KEEL, 'serve', '--port', 'http'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--port/);

    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const busyPort = (busy.address() as { port: number }).port;
    try {
      const inUse = spawnSync(
        process.execPath,
        [KEEL, 'serve', '--port', String(busyPort), '--db', join(dir, 'busy.db')],
        { encoding: 'utf8' },
      );
      expect(inUse.status).toBe(2);
      expect(inUse.stderr.trim()).toBe(`keel: serve: port ${busyPort} is already in use`);
    } finally {
      busy.close();
    }

    const host = spawnSync(process.execPath, [KEEL, 'serve', '--host', '0.0.0.0'], { encoding: 'utf8' });
    expect(host.status).toBe(2);
    expect(host.stderr).toMatch(/unknown option '--host'/);

    const missing = spawnSync(
      process.execPath,
      [KEEL, 'serve', '--db', join(dir, 'm.db'), join(dir, 'nope.keel.yaml')],
      { encoding: 'utf8' },
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.keel\.yaml: cannot read file \(ENOENT\)/);
  });
});

describe('defaultDbPath', () => {
  it('uses $XDG_DATA_HOME when absolute, else ~/.local/share', () => {
    expect(defaultDbPath({ XDG_DATA_HOME: '/data' }, '/home/u')).toBe('/data/keel/keel.db');
    expect(defaultDbPath({ XDG_DATA_HOME: 'relative' }, '/home/u')).toBe('/home/u/.local/share/keel/keel.db');
    expect(defaultDbPath({}, '/home/u')).toBe('/home/u/.local/share/keel/keel.db');
  });
});
