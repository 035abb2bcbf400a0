// Whether dist/cli/keel.mjs (main/cli/build.ts) may run instead of the
// sources: it exists and is newer than every file it was built from.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function cliBundlePath(root) {
  return join(root, 'dist', 'cli', 'keel.mjs');
}

export function cliBundleIsFresh(root) {
  let built;
  let inputs;
  try {
    built = statSync(cliBundlePath(root)).mtimeMs;
    ({ inputs } = JSON.parse(readFileSync(join(root, 'dist', 'cli', 'inputs.json'), 'utf8')));
  } catch {
    return false;
  }
  if (!Array.isArray(inputs)) return false;
  for (const input of inputs) {
    let mtime;
    try {
      mtime = statSync(join(root, input)).mtimeMs;
    } catch {
      // A deleted source makes the bundle stale; a missing lock file is no source.
      if (input === 'package-lock.json') continue;
      return false;
    }
    if (mtime > built) return false;
  }
  return true;
}
