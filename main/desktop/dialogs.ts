/**
 * Native dialogs behind the contract's dialog.* operations. The file is read
 * here in main: the renderer never names a path for main to read.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ApiError, type OpenFileResult, type PickFolderResult } from '../../shared/api/contract';
import { MAX_MODEL_BYTES } from '../../shared/parse/index';
import type { Dialogs } from '../services/handlers';
import type { BrowserWindowLike, DialogLike } from './electron-types';

export const MODEL_FILE_FILTERS = [
  { name: 'Keel models (*.keel.yaml)', extensions: ['keel.yaml'] },
  { name: 'YAML files (*.yaml)', extensions: ['yaml', 'yml'] },
  { name: 'All files', extensions: ['*'] },
];

export interface ModelFile {
  fileName: string;
  text: string;
}

/** Reads a model file in main: a regular file within the size limit. Throws ApiError otherwise. */
export async function readModelFileAt(path: string): Promise<ModelFile> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw new ApiError(
      `${basename(path)} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      'not-found',
    );
  }
  if (!info.isFile()) throw new ApiError(`${basename(path)} is not a file`, 'invalid-input');
  if (info.size > MAX_MODEL_BYTES) {
    throw new ApiError(
      `${basename(path)} is ${(info.size / 1048576).toFixed(1)} MiB; model files are limited to 20 MiB`,
      'too-large',
    );
  }
  return { fileName: basename(path), text: await readFile(path, 'utf8') };
}

export function createDialogs(
  dialog: DialogLike,
  window: () => BrowserWindowLike | undefined,
  /** Told of every folder the user picked (export.package writes only into those: export-folders.ts). */
  onFolderPicked?: (path: string) => void,
): Dialogs {
  return {
    async openModelFile(purpose): Promise<OpenFileResult> {
      const win = window();
      if (!win) return { canceled: true };
      const res = await dialog.showOpenDialog(win, {
        title: purpose === 'import' ? 'Import a Keel model' : 'Open a Keel model',
        properties: ['openFile'],
        filters: MODEL_FILE_FILTERS,
      });
      const path = res.filePaths[0];
      if (res.canceled || !path) return { canceled: true };
      return readModelFileAt(path);
    },
    async pickFolder(title): Promise<PickFolderResult> {
      const win = window();
      if (!win) return { canceled: true };
      const res = await dialog.showOpenDialog(win, {
        title: title ?? 'Choose a folder for the design package',
        properties: ['openDirectory', 'createDirectory'],
      });
      const path = res.filePaths[0];
      if (res.canceled || !path) return { canceled: true };
      onFolderPicked?.(path);
      return { path };
    },
  };
}
