/**
 * The one API contract between the renderer and the back end. Each operation
 * names its input schema (checked at run time by every transport: Electron IPC
 * in main/desktop, HTTP in main/server) and its output type. The renderer only
 * ever sees `KeelApi`; it does not know which transport it talks to.
 */
import { z } from 'zod';
import type { AnalysisResult } from '../analysis/types';

export interface Problem {
  file: string;
  line: number;
  col: number;
  message: string;
}

export interface ModelSummary {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  revisions: number;
  deletedAt: string | null;
}

export interface RevisionSummary {
  revision: number;
  createdAt: string;
  message: string;
  kind: 'autosave' | 'snapshot' | 'save' | 'import' | 'restore';
}

export interface ViewState {
  viewport?: { x: number; y: number; zoom: number };
  selection?: string[];
}

export interface OpenedModel {
  id: string;
  name: string;
  yaml: string;
  revision: number;
  viewState: ViewState;
}

export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  nodes: number;
  links: number;
  contexts: number;
}

export interface ExportedFile {
  path: string;
  bytes: number;
}

const ModelId = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/);
const Yaml = z.string().max(20 * 1024 * 1024);
const ViewStateSchema = z.strictObject({
  viewport: z.strictObject({ x: z.number(), y: z.number(), zoom: z.number().positive() }).optional(),
  selection: z.array(z.string().max(200)).max(100_000).optional(),
});

export interface Operation<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type only. */
  output?: O;
}

const op =
  <O>() =>
  <I extends z.ZodType>(input: I): Operation<I, O> => ({ input });

const none = z.strictObject({});

export const contract = {
  'app.info': op<{ version: string; mode: 'desktop' | 'web'; storePath: string }>()(none),

  'models.list': op<ModelSummary[]>()(z.strictObject({ trashed: z.boolean().optional() })),
  'models.create': op<OpenedModel>()(
    z.strictObject({ name: z.string().min(1).max(200).optional(), template: z.string().max(64).optional() }),
  ),
  'models.open': op<OpenedModel>()(z.strictObject({ id: ModelId })),
  'models.save': op<{ revision: number; coalesced: boolean }>()(
    z.strictObject({
      id: ModelId,
      yaml: Yaml,
      message: z.string().max(500).optional(),
      kind: z.enum(['autosave', 'snapshot', 'save']).optional(),
    }),
  ),
  'models.rename': op<ModelSummary>()(z.strictObject({ id: ModelId, name: z.string().min(1).max(200) })),
  'models.delete': op<void>()(z.strictObject({ id: ModelId })),
  'models.restore': op<void>()(z.strictObject({ id: ModelId })),
  'models.history': op<RevisionSummary[]>()(z.strictObject({ id: ModelId })),
  'models.revision': op<{ revision: number; yaml: string }>()(
    z.strictObject({ id: ModelId, revision: z.int().min(1) }),
  ),
  'models.restoreRevision': op<OpenedModel>()(z.strictObject({ id: ModelId, revision: z.int().min(1) })),
  'models.setViewState': op<void>()(z.strictObject({ id: ModelId, viewState: ViewStateSchema })),
  'models.import': op<{ ok: true; model: OpenedModel } | { ok: false; problems: Problem[] }>()(
    z.strictObject({ fileName: z.string().min(1).max(255), text: Yaml, into: ModelId.optional() }),
  ),
  'models.exportFile': op<{ fileName: string; yaml: string }>()(z.strictObject({ id: ModelId })),

  'models.purge': op<void>()(z.strictObject({ id: ModelId })),

  'templates.list': op<TemplateSummary[]>()(none),
  'templates.get': op<{ id: string; yaml: string }>()(z.strictObject({ id: z.string().max(64) })),

  'analysis.run': op<AnalysisResult>()(
    z.strictObject({
      yaml: Yaml,
      loadFactor: z.number().positive().max(1000).optional(),
      failed: z.array(z.string().max(63)).max(10_000).optional(),
    }),
  ),
  'export.package': op<{ dir: string; files: ExportedFile[] }>()(
    z.strictObject({ yaml: Yaml, outDir: z.string().min(1).max(4096) }),
  ),
  'export.artifact': op<{ path: string; text: string }>()(
    z.strictObject({ yaml: Yaml, path: z.string().min(1).max(512) }),
  ),

  /**
   * Native dialogs. Desktop: the OS dialog (the file is read in main, so the
   * renderer never names a path to read). Web: `{ unsupported: true }`, and the
   * renderer falls back to an <input type=file> / a text field.
   */
  'dialog.openModelFile': op<OpenFileResult>()(z.strictObject({ purpose: z.enum(['open', 'import']).optional() })),
  'dialog.pickFolder': op<PickFolderResult>()(z.strictObject({ title: z.string().max(200).optional() })),
};

export type OpenFileResult = { fileName: string; text: string } | { canceled: true } | { unsupported: true };
export type PickFolderResult = { path: string } | { canceled: true } | { unsupported: true };

/** Operations whose input carries model YAML (the HTTP transport allows them larger bodies). */
export const YAML_OPERATIONS: readonly string[] = [
  'models.save',
  'models.import',
  'analysis.run',
  'export.package',
  'export.artifact',
];

export { MENU_COMMANDS, isMenuCommand, isDesktopEvent, type MenuCommand, type DesktopEvent } from './names';
import type { DesktopEvent, MenuCommand } from './names';

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type ApiInput<K extends OperationName> = z.input<Contract[K]['input']>;
export type ApiOutput<K extends OperationName> =
  NonNullable<Contract[K]['output']> extends never ? void : Exclude<Contract[K]['output'], undefined>;

/** What the renderer holds: one async function per operation. */
export type KeelApi = { [K in OperationName]: (input: ApiInput<K>) => Promise<ApiOutput<K>> };

export type ApiErrorCode =
  | 'invalid-input'
  | 'unknown-operation'
  | 'not-found'
  | 'conflict'
  | 'invalid-model'
  | 'forbidden'
  | 'too-large'
  | 'internal';

/** An error a handler meant to show the user (as opposed to a bug). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: ApiErrorCode,
    readonly problems?: Problem[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What an error looks like on the wire (both transports); never a stack trace. */
export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  problems?: Problem[];
}

/** What every transport carries back for one operation. */
export type ApiResponse = { result: unknown } | { error: ApiErrorBody };

/** Turns a response envelope back into the result, or throws the ApiError it carries. */
export function unwrapResponse(response: unknown): unknown {
  if (response && typeof response === 'object') {
    if ('error' in response) {
      const e = (response as { error: ApiErrorBody }).error;
      throw new ApiError(e.message, e.code, e.problems);
    }
    if ('result' in response) return (response as { result: unknown }).result;
  }
  throw new ApiError('malformed response from the back end', 'internal');
}

/**
 * What the desktop preload exposes as `window.keel`: one function per
 * operation returning the response envelope (errors cannot cross the context
 * bridge with their code), plus the menu command subscription.
 */
export type KeelBridge = { [K in OperationName]: (input: ApiInput<K>) => Promise<ApiResponse> } & {
  /** Subscribes to desktop menu commands; returns the unsubscribe function. */
  onMenuCommand(callback: (command: MenuCommand) => void): () => void;
  /** Subscribes to what main did for the renderer (a model to open, an import that failed). */
  onDesktopEvent(callback: (event: DesktopEvent) => void): () => void;
};

/** Builds a KeelApi over any transport that can send one operation and return its result. */
export function createApiClient(send: (op: OperationName, input: unknown) => Promise<unknown>): KeelApi {
  const api: Partial<Record<OperationName, (input: unknown) => Promise<unknown>>> = {};
  for (const name of Object.keys(contract) as OperationName[]) {
    api[name] = (input: unknown) => send(name, input ?? {});
  }
  return api as KeelApi;
}
