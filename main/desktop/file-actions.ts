/**
 * The File menu's New, Open and Import, and files the OS hands the app
 * (arguments of a second instance, macOS open-file), done in main: main
 * shows the dialog, reads the file and imports it through the back end's
 * models.import (the same service as HTTP and IPC; a bad file changes
 * nothing). The renderer receives only the outcome, as a DesktopEvent: the
 * model to open, or the positioned problems to show.
 */
import type { ApiOutput, ApiResponse, OperationName } from '../../shared/api/contract';
import type { DesktopEvent } from '../../shared/api/names';
import { basename } from 'node:path';
import type { Dialogs } from '../services/handlers';
import { readModelFileAt, type ModelFile } from './dialogs';

export interface FileActionsDeps {
  dialogs: Pick<Dialogs, 'openModelFile'>;
  /** The back end (dispatch() validates every input there). */
  call(op: OperationName, input: unknown): Promise<ApiResponse>;
  send(event: DesktopEvent): void;
  /** A failure that has no file to name (New): a native error box. */
  showError(message: string): void;
}

export interface FileActions {
  newModel(): Promise<void>;
  /** Open and Import: both bring the chosen file into the store as a new model and open it. */
  chooseAndImport(purpose: 'open' | 'import'): Promise<void>;
  /** A path from the OS (never from the renderer). */
  importPath(path: string): Promise<void>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function createFileActions(deps: FileActionsDeps): FileActions {
  const importFile = async (file: ModelFile) => {
    const res = await deps.call('models.import', { fileName: file.fileName, text: file.text });
    if ('error' in res) {
      const { problems = [], message } = res.error;
      return deps.send({ type: 'import-failed', fileName: file.fileName, problems, message });
    }
    const out = res.result as ApiOutput<'models.import'>;
    if (out.ok) deps.send({ type: 'open-model', id: out.model.id });
    else deps.send({ type: 'import-failed', fileName: file.fileName, problems: out.problems });
  };
  const failed = (fileName: string, err: unknown) =>
    deps.send({ type: 'import-failed', fileName, problems: [], message: message(err) });

  return {
    async newModel() {
      const res = await deps.call('models.create', { name: 'Untitled system' });
      if ('error' in res) return deps.showError(res.error.message);
      deps.send({ type: 'open-model', id: (res.result as ApiOutput<'models.create'>).id });
    },
    async chooseAndImport(purpose) {
      let chosen;
      try {
        chosen = await deps.dialogs.openModelFile(purpose);
      } catch (err) {
        return failed('The chosen file', err);
      }
      if (!('text' in chosen)) return; // canceled: nothing happens
      await importFile(chosen);
    },
    async importPath(path) {
      let file;
      try {
        file = await readModelFileAt(path);
      } catch (err) {
        return failed(basename(path), err);
      }
      await importFile(file);
    },
  };
}

/** Model files among a command line (a second instance's argv, the first one's process.argv). */
export function modelFilesInArgv(argv: readonly string[]): string[] {
  return argv.slice(1).filter((a) => !a.startsWith('-') && /\.ya?ml$/i.test(a));
}
