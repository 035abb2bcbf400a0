/**
 * "Loses nothing that was saved": a child process saves revisions in a loop
 * and reports each one after the commit returns; we SIGKILL it at a random
 * moment, reopen the file and check every reported revision is there, exact.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { killTestText } from './kill-test-child';
import { openSqliteStore } from './sqlite-store';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const dir = mkdtempSync(join(tmpdir(), 'keel-kill-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the child until it has reported `target` commits, kills it, returns what it reported. */
function runAndKill(path: string, id: string, target: number): Promise<number[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'kill-test-child.ts'), path, id], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reported: number[] = [];
    let partial = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!; // an unterminated last line was cut by the kill: not a report
      for (const line of lines) reported.push(Number(line));
      if (!killed && reported.length >= target) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL' && killed) done(reported);
      else fail(new Error(`child ended on its own (code ${code}, signal ${signal}) after ${reported.length} commits:\n${stderr}`));
    });
  });
}

it('keeps every committed revision intact through repeated SIGKILLs mid-write', async () => {
  const path = join(dir, 'kill.db');
  const setup = openSqliteStore(path);
  const id = setup.createModel({ name: 'kill-test', yaml: killTestText(1) }).summary.id;
  setup.close();

  const allReported: number[] = [];
  for (let round = 0; round < 4; round++) {
    const target = 150 + Math.floor(Math.random() * 300);
    const reported = await runAndKill(path, id, target);
    expect(reported.length).toBeGreaterThanOrEqual(target);
    allReported.push(...reported);

    const check = new Database(path, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();

    const store = openSqliteStore(path);
    const head = store.getModel(id).head.revision;
    // At most one commit can be done but unreported (killed between commit and print).
    expect(head).toBeGreaterThanOrEqual(Math.max(...reported));
    expect(head).toBeLessThanOrEqual(Math.max(...reported) + 1);
    for (const n of allReported) {
      const r = store.getRevision(id, n);
      expect(r.yaml).toBe(killTestText(n));
      expect(r.message).toBe(`r${n}`);
    }
    // No gaps, nothing half-written, even among unreported revisions.
    const history = store.history(id);
    expect(history.map((h) => h.revision)).toEqual(Array.from({ length: head }, (_, i) => head - i));
    expect(store.getRevision(id, head).yaml).toBe(killTestText(head));
    store.close();
  }
  expect(new Set(allReported).size).toBe(allReported.length);
}, 120_000);
