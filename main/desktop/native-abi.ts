/**
 * better-sqlite3 is compiled for one ABI at a time: Node's (tests, CLI,
 * `keel serve`) or Electron's (the app). `npm test` rebuilds for Node when the
 * addon does not load (scripts/ensure-node-abi.mjs); `npm start` does the
 * opposite through this module: it asks Electron itself (ELECTRON_RUN_AS_NODE)
 * whether the addon loads, and rebuilds for Electron only when it does not.
 */
import { existsSync } from 'node:fs';

export const ELECTRON_MISSING_MESSAGE =
  'Electron is not installed on this machine (its binary could not be downloaded); run `npx keel serve` for the same studio in the browser';

export type ElectronLookup = { ok: true; binary: string } | { ok: false; message: string };

/**
 * `require('electron')` in Node returns the path of the Electron binary, and
 * throws when the package or its download is missing.
 */
export function findElectron(
  requireElectron: () => unknown,
  exists: (path: string) => boolean = existsSync,
): ElectronLookup {
  let binary: unknown;
  try {
    binary = requireElectron();
  } catch {
    return { ok: false, message: ELECTRON_MISSING_MESSAGE };
  }
  if (typeof binary !== 'string' || !exists(binary)) return { ok: false, message: ELECTRON_MISSING_MESSAGE };
  return { ok: true, binary };
}

/** The one-liner Electron runs (as Node) to see whether the addon loads. */
export const PROBE_SCRIPT = "const D = require('better-sqlite3'); new D(':memory:').close();";

export interface ProbeRun {
  status: number | null;
  stderr: string;
  error?: Error;
}

export type ProbeVerdict = 'ready' | 'rebuild' | { failed: string };

/** Classifies the probe: loads -> ready; wrong ABI (or not built) -> rebuild; anything else is an error. */
export function classifyProbe(run: ProbeRun): ProbeVerdict {
  if (run.error) return { failed: `could not run Electron: ${run.error.message}` };
  if (run.status === 0) return 'ready';
  if (
    /NODE_MODULE_VERSION|was compiled against a different Node|Could not locate the bindings file|invalid ELF header|not a valid Win32/.test(
      run.stderr,
    )
  ) {
    return 'rebuild';
  }
  const lines = run.stderr.split('\n').filter((l) => l.trim());
  const firstLine = lines.find((l) => /\bError\b/.test(l)) ?? lines[0] ?? `exit code ${run.status}`;
  return { failed: `better-sqlite3 does not load in Electron: ${firstLine.trim()}` };
}

/** Environment for the probe: Electron as plain Node, nothing inherited that changes module loading. */
export function probeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...env, ELECTRON_RUN_AS_NODE: '1' };
  delete clean.NODE_OPTIONS;
  return clean;
}

/** Rebuilds the app's native dependencies for the installed Electron (electron-builder's documented way). */
export const REBUILD_COMMAND = ['npx', '--no-install', 'electron-builder', 'install-app-deps'] as const;

export type StartStep = 'rebuild-native' | 'build-renderer' | 'build-desktop' | 'launch';

/** What `npm start` does, given what it found. */
export function planStart(
  electron: ElectronLookup,
  verdict: ProbeVerdict | undefined,
): { steps: StartStep[] } | { error: string } {
  if (!electron.ok) return { error: electron.message };
  if (verdict === undefined) return { error: 'internal: the addon was not probed' };
  if (typeof verdict === 'object') return { error: verdict.failed };
  const steps: StartStep[] = verdict === 'rebuild' ? ['rebuild-native'] : [];
  return { steps: [...steps, 'build-renderer', 'build-desktop', 'launch'] };
}
