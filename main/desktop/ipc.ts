/**
 * The desktop transport: every contract operation registered through one
 * helper that checks who is asking (the app's own main frame only) and hands
 * the input on to `run` (dispatch() in the end, which validates it against the
 * contract, in this process or in the back end process).
 */
import type { ApiResponse, OperationName } from '../../shared/api/contract';
import { ipcChannel, OPERATION_NAMES } from '../../shared/api/names';
import { dispatch } from '../services/dispatch';
import type { Handlers } from '../services/handlers';
import { isAppUrl } from './app-protocol';
import type { FrameLike, IpcMainInvokeEventLike, IpcMainLike } from './electron-types';

export type RunOperation = (op: OperationName, input: unknown) => Promise<ApiResponse>;

/** Only the app's top frame, loaded from keel://app, may call the back end. */
export function isTrustedSender(frame: FrameLike | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

const FORBIDDEN: ApiResponse = { error: { code: 'forbidden', message: 'IPC refused: the sender is not the Keel app' } };

export function registerOperation(
  ipcMain: IpcMainLike,
  run: RunOperation,
  op: OperationName,
  log?: (message: string) => void,
): void {
  ipcMain.handle(ipcChannel(op), (event: IpcMainInvokeEventLike, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      log?.(`keel: refused ${op} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
      return FORBIDDEN;
    }
    return run(op, input);
  });
}

/** Registers every operation of the contract; returns a function that removes them. */
export function registerIpc(ipcMain: IpcMainLike, run: RunOperation, log?: (message: string) => void): () => void {
  for (const op of OPERATION_NAMES) registerOperation(ipcMain, run, op, log);
  return () => {
    for (const op of OPERATION_NAMES) ipcMain.removeHandler(ipcChannel(op));
  };
}

/** Runs operations in this process. */
export function runLocally(handlers: Partial<Handlers>, log?: (message: string) => void): RunOperation {
  return (op, input) => dispatch(handlers, op, input, log ? { log } : {});
}
