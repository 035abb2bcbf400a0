/**
 * Writes the design package to a folder, safely:
 * - every path is checked to stay inside the folder (resolve + relative), and
 *   an existing symlinked folder on the way must not lead out of it;
 * - each file is written to a temporary file in its own folder and renamed
 *   over the target (atomic on POSIX: a reader sees the old or the new file);
 *   an export can be regenerated, so files are not fsynced one by one (122
 *   journal commits for a 200-node model); each folder written into is
 *   synced once at the end, which makes the renames durable;
 * - `.keel-package.json` records what Keel wrote (with a hash of each file),
 *   so a re-export removes the files of the earlier package that are gone
 *   now, and never a file Keel did not write or that someone edited since.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { AnalysisResult } from '../../shared/analysis/types';
import { buildDesignPackage, PACKAGE_MANIFEST, type DesignPackageOptions } from '../../shared/export';
import type { Model } from '../../shared/model/types';

export interface WrittenFile {
  path: string;
  bytes: number;
}

export interface WritePackageResult {
  /** Files written, relative to the folder. */
  files: WrittenFile[];
  /** Files of the earlier package that are not part of this one and were removed. */
  removed: string[];
  /** Files of the earlier package left in place because they were changed since Keel wrote them. */
  kept: string[];
  /** The folder, resolved. */
  dir: string;
}

interface Manifest {
  generator: 'keel';
  version: 1;
  files: Record<string, string>;
}

export class PackagePathError extends Error {}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Checks a package-relative path: forward slashes, no empty, `.` or `..` segment, nothing absolute. */
export function checkRelativePath(rel: string): string[] {
  // eslint-disable-next-line no-control-regex
  if (!rel || rel.length > 1024 || /[\u0000-\u001f\\:]/.test(rel) || rel.startsWith('/') || isAbsolute(rel)) {
    throw new PackagePathError(`refusing path ${JSON.stringify(rel)}: not a plain relative path`);
  }
  const segments = rel.split('/');
  for (const s of segments) {
    if (!s || s === '.' || s === '..' || s.length > 255)
      throw new PackagePathError(`refusing path ${JSON.stringify(rel)}`);
  }
  return segments;
}

function inside(root: string, target: string): boolean {
  const r = relative(root, target);
  return r === '' || (!r.startsWith('..' + sep) && r !== '..' && !isAbsolute(r));
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * The absolute folder for `segments` (the parent folders of a file) under
 * `root`, created when `create` is set. A symlink on the way must resolve
 * inside `root`; a file where a folder should be is an error.
 */
function folderFor(root: string, segments: string[], create: boolean): string | undefined {
  let dir = root;
  for (const s of segments) {
    const next = join(dir, s);
    const st = lstatOrUndefined(next);
    if (!st) {
      if (!create) return undefined;
      mkdirSync(next);
      dir = next;
      continue;
    }
    if (st.isSymbolicLink()) {
      let real: string;
      try {
        real = realpathSync(next);
      } catch {
        throw new PackagePathError(`${next}: a broken symbolic link is in the way`);
      }
      if (!inside(root, real))
        throw new PackagePathError(`${next}: a symbolic link leads outside ${root}; refusing to write through it`);
      if (!statSync(real).isDirectory()) throw new PackagePathError(`${next}: not a folder`);
      dir = real;
      continue;
    }
    if (!st.isDirectory()) throw new PackagePathError(`${next}: a file is in the way of a folder`);
    dir = next;
  }
  return dir;
}

/**
 * Resolves a package path to an absolute file path inside `root`, or throws.
 * `folders` remembers folders already resolved in this pass (a package has
 * about ten folders for a hundred files).
 */
function targetPath(root: string, rel: string, create: boolean, folders?: Map<string, string | undefined>): string | undefined {
  const segments = checkRelativePath(rel);
  const key = segments.slice(0, -1).join('/');
  let dir: string | undefined;
  if (folders?.has(key)) dir = folders.get(key);
  else {
    dir = folderFor(root, segments.slice(0, -1), create);
    folders?.set(key, dir);
  }
  if (!dir) return undefined;
  const target = resolve(dir, segments[segments.length - 1]!);
  if (!inside(root, target))
    throw new PackagePathError(`refusing path ${JSON.stringify(rel)}: it leads outside ${root}`);
  return target;
}

/**
 * Writes `data` to `target` through a temporary file in the same folder and a
 * rename. `sync: false` leaves the fsync to the caller (see syncFolder).
 */
export function writeFileAtomic(target: string, data: string | Buffer, sync = true): void {
  const st = lstatOrUndefined(target);
  if (st?.isDirectory()) throw new PackagePathError(`${target}: is a folder`);
  const tmp = join(dirname(target), `.${randomBytes(6).toString('hex')}.keel-tmp`);
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    if (sync) fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw err;
  }
  closeSync(fd);
  try {
    // rename replaces a symlink at `target` itself; it never writes through it.
    renameSync(tmp, target);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw err;
  }
}

/** Makes the entries (renames, removals) of a folder durable. Best effort where folders cannot be opened for it. */
function syncFolder(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    /* some file systems refuse fsync on a folder */
  } finally {
    closeSync(fd);
  }
}

function readManifest(root: string): Manifest | undefined {
  const path = join(root, PACKAGE_MANIFEST);
  const st = lstatOrUndefined(path);
  if (!st?.isFile()) return undefined;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>;
    if (m.generator !== 'keel' || !m.files || typeof m.files !== 'object') return undefined;
    const files: Record<string, string> = {};
    for (const [p, h] of Object.entries(m.files)) if (typeof h === 'string') files[p] = h;
    return { generator: 'keel', version: 1, files };
  } catch {
    return undefined;
  }
}

/** Removes now-empty folders from `dir` up to (not including) `root`. */
function pruneEmpty(root: string, dir: string): void {
  while (dir !== root && inside(root, dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
    dir = dirname(dir);
  }
}

/** Writes a package (relative path -> content) into `outDir`; see the file comment. */
export function writePackageFiles(files: Map<string, string>, outDir: string): WritePackageResult {
  const st = lstatOrUndefined(resolve(outDir));
  if (st && !st.isDirectory() && !(st.isSymbolicLink() && statSync(resolve(outDir)).isDirectory())) {
    throw new PackagePathError(`${outDir}: exists and is not a folder`);
  }
  mkdirSync(outDir, { recursive: true });
  const root = realpathSync(outDir);
  // Check every path (and every existing folder or symlink on its way) before writing anything.
  const checked = new Map<string, string | undefined>();
  for (const rel of files.keys()) {
    if (rel === PACKAGE_MANIFEST) throw new PackagePathError(`refusing path ${rel}: reserved for the manifest`);
    targetPath(root, rel, false, checked);
  }
  const previous = readManifest(root);
  const written: WrittenFile[] = [];
  const hashes: Record<string, string> = {};
  const folders = new Map<string, string | undefined>();
  const touched = new Set<string>([root]);
  for (const [rel, content] of files) {
    const target = targetPath(root, rel, true, folders)!;
    writeFileAtomic(target, content, false);
    touched.add(dirname(target));
    written.push({ path: rel, bytes: Buffer.byteLength(content, 'utf8') });
    hashes[rel] = sha256(content);
  }
  const removed: string[] = [];
  const kept: string[] = [];
  for (const [rel, hash] of Object.entries(previous?.files ?? {})) {
    if (files.has(rel)) continue;
    let target: string | undefined;
    try {
      target = targetPath(root, rel, false);
    } catch {
      continue; // a tampered manifest entry: never act on it
    }
    const fst = target ? lstatOrUndefined(target) : undefined;
    if (!target || !fst?.isFile()) continue;
    if (sha256(readFileSync(target)) !== hash) {
      kept.push(rel);
      continue;
    }
    unlinkSync(target);
    removed.push(rel);
    pruneEmpty(root, dirname(target));
    touched.add(dirname(target));
  }
  const manifest: Manifest = { generator: 'keel', version: 1, files: hashes };
  writeFileAtomic(join(root, PACKAGE_MANIFEST), JSON.stringify(manifest, null, 2) + '\n', false);
  // Folders hold their files' names: syncing each once, children before the root, makes the package durable.
  for (const dir of [...touched].sort((a, b) => b.length - a.length)) syncFolder(dir);
  return { files: written, removed, kept, dir: root };
}

export interface WriteDesignPackageOptions extends DesignPackageOptions {
  analysis?: AnalysisResult;
  svg?: string;
}

export function writeDesignPackage(
  model: Model,
  outDir: string,
  options: WriteDesignPackageOptions = {},
): WritePackageResult {
  return writePackageFiles(buildDesignPackage(model, options), outDir);
}
