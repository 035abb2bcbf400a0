/**
 * The model templates shipped in resources/templates/<id>.keel.yaml, for
 * `keel new` and the studio's "new from template". A template id is only ever
 * looked up in the folder's listing (and must be a valid id); it is never
 * joined into a path as given.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TemplateSummary } from '../../shared/api/contract';
import { isId } from '../../shared/model/ids';
import { parseModel } from '../../shared/parse/index';

export type { TemplateSummary };

export const TEMPLATE_SUFFIX = '.keel.yaml';

/** resources/templates beside this checkout, whatever the working directory. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../resources/templates/', import.meta.url));

/** Asked for a template that is not in the folder. */
export class UnknownTemplateError extends Error {
  constructor(
    readonly id: string,
    readonly validIds: readonly string[],
  ) {
    super(`unknown template ${JSON.stringify(id)}; valid templates: ${validIds.join(', ')}`);
    this.name = 'UnknownTemplateError';
  }
}

export interface TemplateLibrary {
  /** Template ids, sorted. */
  ids(): string[];
  /** Name, description and size of every template, sorted by id. */
  listTemplates(): TemplateSummary[];
  /** The template's YAML text exactly as shipped; throws UnknownTemplateError for an id not in the folder. */
  readTemplate(id: string): string;
}

/** A library over one folder (the shipped one by default; tests may pass their own). */
export function createTemplateLibrary(dir: string = TEMPLATES_DIR): TemplateLibrary {
  let summaries: TemplateSummary[] | undefined;

  const ids = (): string[] =>
    readdirSync(dir)
      .filter((f) => f.endsWith(TEMPLATE_SUFFIX))
      .map((f) => f.slice(0, -TEMPLATE_SUFFIX.length))
      .filter(isId)
      .sort();

  function readTemplate(id: string): string {
    const known = ids();
    // Only a name taken from the listing reaches the file system.
    const listed = known.find((k) => k === id);
    if (listed === undefined) throw new UnknownTemplateError(String(id), known);
    return readFileSync(join(dir, listed + TEMPLATE_SUFFIX), 'utf8');
  }

  function summarize(id: string): TemplateSummary {
    const file = join(dir, id + TEMPLATE_SUFFIX);
    const { model, problems } = parseModel(readFileSync(file, 'utf8'), file);
    if (!model) {
      // A shipped template that does not validate is a bug in Keel, not bad input.
      const first = problems[0];
      throw new Error(`template ${id} is invalid: ${first ? `${first.line}:${first.col}: ${first.message}` : 'no model'}`);
    }
    return {
      id,
      name: model.name,
      description: model.description?.trim() ?? '',
      nodes: Object.keys(model.nodes).length,
      links: model.links?.length ?? 0,
      contexts: Object.keys(model.contexts ?? {}).length,
    };
  }

  return {
    ids,
    readTemplate,
    // Templates are read-only resources: summarise them once per library.
    listTemplates: () => (summaries ??= ids().map(summarize)).map((s) => ({ ...s })),
  };
}

const shipped = createTemplateLibrary();

export const templateIds = (): string[] => shipped.ids();
export const listTemplates = (): TemplateSummary[] => shipped.listTemplates();
export const readTemplate = (id: string): string => shipped.readTemplate(id);
