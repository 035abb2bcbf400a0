import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyProbe, ELECTRON_MISSING_MESSAGE, findElectron, planStart, PROBE_SCRIPT, probeEnv } from './native-abi';

const ROOT = resolve(__dirname, '../..');

describe('finding Electron', () => {
  it('reports a missing package or binary in one clear line', () => {
    const missing = findElectron(() => {
      throw new Error("Cannot find module 'electron'");
    });
    expect(missing).toEqual({ ok: false, message: ELECTRON_MISSING_MESSAGE });
    expect(ELECTRON_MISSING_MESSAGE).toMatch(/npx keel serve/);
    expect(ELECTRON_MISSING_MESSAGE).not.toContain('\n');
    expect(
      findElectron(
        () => '/nowhere/electron',
        () => false,
      ),
    ).toEqual({ ok: false, message: ELECTRON_MISSING_MESSAGE });
    expect(
      findElectron(
        () => '/opt/electron',
        () => true,
      ),
    ).toEqual({ ok: true, binary: '/opt/electron' });
  });

  it('npm start prints that line and exits 1 on this machine (no Electron here)', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'start-desktop.mjs')], {
      encoding: 'utf8',
      cwd: ROOT,
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(ELECTRON_MISSING_MESSAGE);
  });
});

describe('the ABI switch', () => {
  it('classifies the probe run', () => {
    expect(classifyProbe({ status: 0, stderr: '' })).toBe('ready');
    expect(
      classifyProbe({
        status: 1,
        stderr:
          "Error: The module 'better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 139.",
      }),
    ).toBe('rebuild');
    expect(classifyProbe({ status: 1, stderr: 'Error: Could not locate the bindings file. Tried: ...' })).toBe(
      'rebuild',
    );
    expect(classifyProbe({ status: 1, stderr: '\nError: EACCES: permission denied\n at x' })).toEqual({
      failed: 'better-sqlite3 does not load in Electron: Error: EACCES: permission denied',
    });
    expect(classifyProbe({ status: null, stderr: '', error: new Error('spawn ENOENT') })).toEqual({
      failed: 'could not run Electron: spawn ENOENT',
    });
  });

  it('the probe script is what Node itself uses to check the addon (it loads under Node here)', () => {
    // Same script, run by Node instead of Electron: proves the probe really opens the addon.
    const env = probeEnv({ ...process.env, NODE_OPTIONS: '--require /nonexistent.js' });
    expect(env.ELECTRON_RUN_AS_NODE).toBe('1');
    expect(env.NODE_OPTIONS).toBeUndefined();
    const run = spawnSync(process.execPath, ['-e', PROBE_SCRIPT], { cwd: ROOT, env, encoding: 'utf8' });
    expect(classifyProbe({ status: run.status, stderr: run.stderr })).toBe('ready');
    const broken = spawnSync(process.execPath, ['-e', PROBE_SCRIPT.replace('better-sqlite3', 'better-sqlite3-nope')], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    expect(classifyProbe({ status: broken.status, stderr: broken.stderr })).toMatchObject({
      failed: expect.stringMatching(/Cannot find module/),
    });
  });

  it('plans npm start: rebuild only when the addon does not load in Electron', () => {
    const electron = { ok: true as const, binary: '/e' };
    expect(planStart(electron, 'ready')).toEqual({ steps: ['build-renderer', 'build-desktop', 'launch'] });
    expect(planStart(electron, 'rebuild')).toEqual({
      steps: ['rebuild-native', 'build-renderer', 'build-desktop', 'launch'],
    });
    expect(planStart(electron, { failed: 'x' })).toEqual({ error: 'x' });
    expect(planStart({ ok: false, message: ELECTRON_MISSING_MESSAGE }, undefined)).toEqual({
      error: ELECTRON_MISSING_MESSAGE,
    });
  });
});
