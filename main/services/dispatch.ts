/**
 * The one door into the handlers, shared by both transports: refuses unknown
 * operations, parses the input with the contract's schema, and turns every
 * failure into an error body the client may see (never a stack trace).
 */
import { z } from 'zod';
import {
  ApiError,
  contract,
  type ApiErrorBody,
  type ApiErrorCode,
  type ApiResponse,
  type OperationName,
} from '../../shared/api/contract';
import { StoreError, type StoreErrorCode } from '../store/types';
import type { Handlers } from './handlers';

export function isOperationName(op: unknown): op is OperationName {
  return typeof op === 'string' && Object.prototype.hasOwnProperty.call(contract, op);
}

const storeCodes: Record<StoreErrorCode, ApiErrorCode> = {
  'not-found': 'not-found',
  trashed: 'conflict',
  invalid: 'invalid-input',
  corrupt: 'internal',
  'too-new': 'internal',
  io: 'internal',
};

/** Maps any thrown value to what the client sees; unexpected errors are reported via `log`. */
export function toErrorBody(err: unknown, log: (message: string) => void = defaultLog): ApiErrorBody {
  if (err instanceof ApiError) {
    return err.problems
      ? { code: err.code, message: err.message, problems: err.problems }
      : { code: err.code, message: err.message };
  }
  if (err instanceof StoreError) return { code: storeCodes[err.code] ?? 'internal', message: err.message };
  log(`keel: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return { code: 'internal', message: 'Internal error in the Keel back end (details are in its log).' };
}

function defaultLog(message: string): void {
  process.stderr.write(message + '\n');
}

/** Parses `rawInput` for `op` with the contract's schema; throws ApiError 'invalid-input' with zod's message. */
export function parseInput(op: OperationName, rawInput: unknown): unknown {
  const parsed = contract[op].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    throw new ApiError(`invalid input for ${op}: ${z.prettifyError(parsed.error)}`, 'invalid-input');
  }
  return parsed.data;
}

export interface DispatchOptions {
  log?: (message: string) => void;
}

export async function dispatch(
  handlers: Partial<Handlers>,
  op: unknown,
  rawInput: unknown,
  options: DispatchOptions = {},
): Promise<ApiResponse> {
  try {
    if (!isOperationName(op)) {
      throw new ApiError(`unknown operation: ${String(op).slice(0, 100)}`, 'unknown-operation');
    }
    const handler = handlers[op] as ((input: unknown) => unknown) | undefined;
    if (!handler) throw new ApiError(`${op} is not handled here`, 'unknown-operation');
    const input = parseInput(op, rawInput);
    const result = await handler(input);
    // `undefined` does not survive JSON; void operations answer null.
    return { result: result === undefined ? null : result };
  } catch (err) {
    return { error: toErrorBody(err, options.log) };
  }
}
