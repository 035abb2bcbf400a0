/**
 * The API contract implemented over the store, the templates and the domain
 * core: one handler per operation. Transports (main/server over HTTP,
 * main/desktop over IPC) never call these directly: they go through
 * dispatch(), which parses the input with the contract's schema first.
 */
import { isAbsolute } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import {
  ApiError,
  type ApiOutput,
  type Contract,
  type OpenedModel,
  type OpenFileResult,
  type OperationName,
  type PickFolderResult,
  type TemplateSummary,
} from '../../shared/api/contract';
import type { Model } from '../../shared/model/types';
import { analyze } from '../../shared/analysis/index';
import { buildDesignPackage, type DesignPackageOptions } from '../../shared/export/index';
import { parseModel, type ParseResult } from '../../shared/parse/index';
import { renderDiagramSvg } from '../export/diagram';
import { PackagePathError, writeDesignPackage } from '../export/write-package';
import { exportFileName, importFile } from '../store/model-files';
import type { ModelRecord, ModelStore } from '../store/types';

/** Where templates come from (main/templates in the app, a fake in tests). */
export interface TemplateSource {
  listTemplates(): TemplateSummary[] | Promise<TemplateSummary[]>;
  /** The template's YAML text; throws (or returns undefined) for an unknown id. */
  readTemplate(id: string): string | undefined | Promise<string | undefined>;
}

/** Native dialogs: only the desktop shell has them. */
export interface Dialogs {
  openModelFile(purpose: 'open' | 'import'): Promise<OpenFileResult>;
  pickFolder(title?: string): Promise<PickFolderResult>;
}

export interface ServiceContext {
  store: ModelStore;
  templates: TemplateSource;
  mode: 'desktop' | 'web';
  /** Shown by app.info (the database file, or ':memory:'). */
  storePath?: string;
  version?: string;
  dialogs?: Dialogs;
}

export type HandlerInput<K extends OperationName> = z.output<Contract[K]['input']>;
export type Handlers = {
  [K in OperationName]: (input: HandlerInput<K>) => Promise<ApiOutput<K>> | ApiOutput<K>;
};

/** Parses model YAML or throws 'invalid-model' carrying the positioned problems. */
export function parseOrThrow(yaml: string, file: string): Model {
  return parseChecked(yaml, file).model;
}

export function parseChecked(yaml: string, file: string): ParseResult & { model: Model } {
  const result = parseModel(yaml, file);
  if (!result.model || result.problems.length > 0) {
    const first = result.problems[0];
    const where = first ? `${first.file}:${first.line}:${first.col}: ${first.message}` : 'invalid model';
    const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more)` : '';
    throw new ApiError(`${where}${more}`, 'invalid-model', result.problems);
  }
  return result as ParseResult & { model: Model };
}

/** Sets `name:` in model YAML in place, keeping comments and order. */
function withName(yaml: string, name: string): string {
  const doc = parseDocument(yaml);
  doc.set('name', name);
  return doc.toString();
}

function opened(record: ModelRecord): OpenedModel {
  return {
    id: record.summary.id,
    name: record.summary.name,
    yaml: record.head.yaml,
    revision: record.head.revision,
    viewState: record.viewState,
  };
}

const storeFile = (id: string) => `${id}.keel.yaml`;
/** The name problems and SARIF results use for YAML sent by the renderer. */
const MODEL_FILE = 'model.keel.yaml';

export function createHandlers(ctx: ServiceContext): Handlers {
  const { store } = ctx;

  /** What `keel export` passes too: analysis, the laid-out SVG, the source text and its positions. */
  async function packageOptions(parsed: ParseResult & { model: Model }, yaml: string): Promise<DesignPackageOptions> {
    const svg = await renderDiagramSvg(parsed.model);
    return {
      analysis: analyze(parsed.model),
      ...(svg ? { svg } : {}),
      source: yaml,
      locate: parsed.locate,
      toolVersion: ctx.version ?? '0.0.0',
    };
  }

  async function templateYaml(id: string): Promise<string> {
    let yaml: string | undefined;
    try {
      yaml = await ctx.templates.readTemplate(id);
    } catch {
      yaml = undefined;
    }
    if (yaml === undefined) throw new ApiError(`unknown template: ${id}`, 'not-found');
    return yaml;
  }

  return {
    'app.info': () => ({ version: ctx.version ?? '0.0.0', mode: ctx.mode, storePath: ctx.storePath ?? '' }),

    'models.list': ({ trashed }) => store.listModels({ trashed: trashed ?? false }),

    'models.create': async ({ name, template }) => {
      let yaml: string;
      if (template) {
        yaml = await templateYaml(template);
        if (name) yaml = withName(yaml, name);
      } else {
        yaml = withName('keel: 1\nname: x\nnodes: {}\n', name ?? 'Untitled model');
      }
      const model = parseOrThrow(yaml, template ? `${template}.keel.yaml` : 'new.keel.yaml');
      const record = store.createModel({
        name: name ?? model.name,
        yaml,
        kind: 'save',
        message: template ? `Created from template ${template}` : 'Created',
      });
      return opened(record);
    },

    'models.open': ({ id }) => opened(store.getModel(id)),

    'models.save': ({ id, yaml, message, kind }) => {
      parseOrThrow(yaml, storeFile(id));
      const { revision, coalesced } = store.saveRevision(id, { yaml, message, kind: kind ?? 'save' });
      return { revision: revision.revision, coalesced };
    },

    'models.rename': ({ id, name }) => store.renameModel(id, name),
    'models.delete': ({ id }) => {
      store.trashModel(id);
    },
    'models.restore': ({ id }) => {
      store.restoreModel(id);
    },
    'models.purge': ({ id }) => {
      store.purgeModel(id);
    },
    'models.history': ({ id }) => store.history(id),
    'models.revision': ({ id, revision }) => {
      const r = store.getRevision(id, revision);
      return { revision: r.revision, yaml: r.yaml };
    },
    'models.restoreRevision': ({ id, revision }) => {
      store.restoreRevision(id, revision);
      return opened(store.getModel(id));
    },
    'models.setViewState': ({ id, viewState }) => {
      store.setViewState(id, viewState);
    },

    // A bad file changes nothing: it is parsed before anything is written.
    'models.import': ({ fileName, text, into }) => {
      const result = parseModel(text, fileName);
      if (!result.model || result.problems.length > 0) return { ok: false as const, problems: result.problems };
      const record = importFile(store, { fileName, text, into, name: result.model.name });
      return { ok: true as const, model: opened(record) };
    },

    'models.exportFile': ({ id }) => {
      const record = store.getModel(id);
      return { fileName: exportFileName(record.summary.name), yaml: record.head.yaml };
    },

    'templates.list': () => ctx.templates.listTemplates(),
    'templates.get': async ({ id }) => ({ id, yaml: await templateYaml(id) }),

    'analysis.run': ({ yaml, loadFactor, failed }) => {
      const model = parseOrThrow(yaml, MODEL_FILE);
      return analyze(model, {
        ...(loadFactor !== undefined ? { loadFactor } : {}),
        ...(failed !== undefined ? { failed } : {}),
      });
    },

    'export.package': async ({ yaml, outDir }) => {
      if (!isAbsolute(outDir)) throw new ApiError('the export folder must be an absolute path', 'invalid-input');
      const parsed = parseChecked(yaml, MODEL_FILE);
      const options = await packageOptions(parsed, yaml);
      try {
        const written = writeDesignPackage(parsed.model, outDir, options);
        return { dir: written.dir, files: written.files };
      } catch (err) {
        if (err instanceof PackagePathError) throw new ApiError(err.message, 'invalid-input');
        const e = err as NodeJS.ErrnoException;
        if (e.code) throw new ApiError(`cannot write ${e.path ?? outDir} (${e.code})`, 'invalid-input');
        throw err;
      }
    },

    'export.artifact': async ({ yaml, path }) => {
      const parsed = parseChecked(yaml, MODEL_FILE);
      const files = buildDesignPackage(parsed.model, await packageOptions(parsed, yaml));
      const text = files.get(path);
      if (typeof text !== 'string') throw new ApiError(`the design package has no file ${path}`, 'not-found');
      return { path, text };
    },

    ...createDialogHandlers(ctx.dialogs),
  };
}

type DialogOperation = 'dialog.openModelFile' | 'dialog.pickFolder';

/**
 * The dialog operations alone: the desktop shell answers them in the main
 * process (dialogs need a window) while its back end process answers the rest.
 */
export function createDialogHandlers(dialogs: Dialogs | undefined): Pick<Handlers, DialogOperation> {
  return {
    'dialog.openModelFile': ({ purpose }) =>
      dialogs ? dialogs.openModelFile(purpose ?? 'open') : { unsupported: true as const },
    'dialog.pickFolder': ({ title }) => (dialogs ? dialogs.pickFolder(title) : { unsupported: true as const }),
  };
}
