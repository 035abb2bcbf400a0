/**
 * Folders the user picked in the native folder dialog. In the desktop app
 * export.package writes only into one of them (or a folder inside one): the
 * renderer names the folder, but a page that was made to misbehave cannot
 * choose one the user never picked. Remembered in userData, so the export
 * dialog's last folder still works after a restart.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ApiResponse } from '../../shared/api/contract';
import type { RunOperation } from './ipc';

export const EXPORT_FOLDERS_FILE = 'export-folders.json';
const LIMIT = 50;

export interface ExportFolders {
  grant(path: string): void;
  allows(path: string): boolean;
}

export function exportFolders(userData: string): ExportFolders {
  const file = join(userData, EXPORT_FOLDERS_FILE);
  let granted: string[] = [];
  try {
    const saved: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (Array.isArray(saved)) granted = saved.filter((p): p is string => typeof p === 'string' && isAbsolute(p));
  } catch {
    // None picked yet, or an unreadable file: nothing is granted.
  }
  return {
    grant(path) {
      if (!isAbsolute(path)) return;
      const p = resolve(path);
      granted = [p, ...granted.filter((g) => g !== p)].slice(0, LIMIT);
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, JSON.stringify(granted, null, 1));
      } catch {
        // Still granted for this session.
      }
    },
    allows(path) {
      if (!isAbsolute(path)) return false;
      const p = resolve(path);
      return granted.some((g) => {
        const rel = relative(g, p);
        return rel === '' || (rel.split(sep)[0] !== '..' && !isAbsolute(rel));
      });
    },
  };
}

const NOT_PICKED: ApiResponse = {
  error: {
    code: 'forbidden',
    message:
      'Choose the export folder with Browse…: the desktop app writes only into folders picked in its folder dialog.',
  },
};

/** Refuses export.package into a folder the user did not pick; everything else passes to `run`. */
export function guardExportFolder(run: RunOperation, folders: ExportFolders): RunOperation {
  return async (op, input) => {
    if (op === 'export.package') {
      const outDir = (input as { outDir?: unknown } | null)?.outDir;
      // Not a string: the contract check in dispatch() refuses it.
      if (typeof outDir === 'string' && !folders.allows(outDir)) return NOT_PICKED;
    }
    return run(op, input);
  };
}
