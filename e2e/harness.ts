/**
 * What every end-to-end test stands on: the real `keel serve` (spawned as
 * `node bin/keel.mjs serve`, on a throw-away store), Debian's Chromium through
 * playwright-core, a guard that fails the test on any page or console error
 * (CSP violations included), and screenshots under artifacts/ (ignored by git).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Model } from '../shared/model/types';
import { writeModel } from '../shared/write';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'artifacts', 'screenshots');

export interface Studio {
  /** The URL `keel serve` printed (with `#/model/<id>` when a file was given). */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  token: string;
  dbPath: string;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  /** Sends SIGTERM, waits for the exit; removes the temporary store unless a dbPath was given. */
  stop(): Promise<number | null>;
}

export interface StudioOptions {
  /** A model file to open (passed as FILE). */
  file?: string;
  /** The store; default a fresh one in a temporary folder. */
  dbPath?: string;
  /** Extra CLI arguments (e.g. ['--port', '4567']). */
  args?: string[];
  /** How long to wait for the URL (ms). */
  timeoutMs?: number;
}

/** Servers still running: killed if the test process exits without stopping them. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

const URL_LINE = /Keel studio: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)\S*)/;

function waitForExit(child: ChildProcess, ms: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolveExit(code);
    });
  });
}

/** Runs `node bin/keel.mjs serve` and resolves once it has printed its URL. */
export async function startStudio(options: StudioOptions = {}): Promise<Studio> {
  const tempDir = options.dbPath ? undefined : mkdtempSync(join(tmpdir(), 'keel-e2e-'));
  const dbPath = options.dbPath ?? join(tempDir!, 'keel.db');
  const args = [join(REPO_ROOT, 'bin', 'keel.mjs'), 'serve', '--db', dbPath, ...(options.args ?? [])];
  if (options.file) args.push(options.file);
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));

  const cleanup = () => {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };
  const match = await new Promise<RegExpMatchArray>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`keel serve printed no URL within ${options.timeoutMs ?? 30_000} ms:\n${out}`));
    }, options.timeoutMs ?? 30_000);
    const check = () => {
      const m = URL_LINE.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolveUrl(m);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`keel serve exited with code ${code} before printing its URL:\n${out}`));
    });
  }).catch((err: unknown) => {
    cleanup();
    throw err;
  });

  let stopped: Promise<number | null> | undefined;
  const port = Number(match[2]);
  return {
    url: match[1]!,
    origin: `http://127.0.0.1:${port}`,
    port,
    token: match[3]!,
    dbPath,
    output: () => out,
    stop: () => {
      stopped ??= (async () => {
        child.kill('SIGTERM');
        const code = await waitForExit(child, 10_000);
        cleanup();
        return code;
      })();
      return stopped;
    },
  };
}

/** Runs `node bin/keel.mjs serve ...` to completion (for refusals such as an invalid FILE). */
export function runServe(
  args: string[],
  timeoutMs = 30_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'keel.mjs'), 'serve', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
  });
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Debian's Chromium (or $KEEL_CHROMIUM), headless; `extraArgs` for tests that need a switch more. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(join(REPO_ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error(
      'dist/renderer is missing: run `npm run build:renderer` first (`npm run test:e2e` does it for you)',
    );
  }
  return chromium.launch({
    executablePath: process.env.KEEL_CHROMIUM ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

export interface PageGuard {
  /** Errors seen so far (page errors, console errors, failed requests to the app). */
  readonly errors: string[];
  /** Ignore errors matching this pattern from now on (for tests that provoke one on purpose). */
  allow(pattern: RegExp): void;
  /** Throws when any error was seen. Call in afterEach (or at the end of a test). */
  assertClean(): void;
}

/**
 * Records every uncaught page error and console error (Chromium reports CSP
 * violations as console errors), so a test cannot pass over a broken page.
 */
export function guardPage(page: Page): PageGuard {
  const errors: string[] = [];
  const allowed: RegExp[] = [];
  const record = (text: string) => {
    if (!allowed.some((re) => re.test(text))) errors.push(text);
  };
  page.on('pageerror', (err) => record(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const where = msg.location().url;
      record(`console error: ${msg.text()}${where ? ` (${where})` : ''}`);
    }
  });
  page.on('crash', () => record('page crashed'));
  return {
    errors,
    allow: (pattern) => allowed.push(pattern),
    assertClean: () => {
      if (errors.length > 0) throw new Error(`the page reported ${errors.length} error(s):\n${errors.join('\n')}`);
    },
  };
}

export interface StudioPage {
  context: BrowserContext;
  page: Page;
  guard: PageGuard;
}

/** A fresh browser context and page on the studio's URL, guarded against errors. */
export async function openStudio(browser: Browser, studio: Pick<Studio, 'url'>, url = studio.url): Promise<StudioPage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const guard = guardPage(page);
  await page.goto(url, { waitUntil: 'load' });
  return { context, page, guard };
}

/** Saves a full-page PNG as artifacts/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'screenshot';
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${safe}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** POSTs one API operation the way the renderer does (token header, JSON). */
export async function callApi(
  studio: Pick<Studio, 'origin' | 'token'>,
  op: string,
  input: unknown = {},
): Promise<Response> {
  return fetch(`${studio.origin}/api/${op}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Keel-Token': studio.token },
    body: JSON.stringify(input),
  });
}

/** Imports a model into the running studio's store (as Home's import does) and returns its id. */
export async function importModel(studio: Pick<Studio, 'origin' | 'token'>, model: Model, fileName: string): Promise<string> {
  const res = await callApi(studio, 'models.import', { fileName, text: writeModel(model) });
  const body = (await res.json()) as { result?: { ok: boolean; model?: { id: string } } };
  if (!body.result?.ok || !body.result.model) throw new Error(`import failed: ${JSON.stringify(body).slice(0, 400)}`);
  return body.result.model.id;
}
