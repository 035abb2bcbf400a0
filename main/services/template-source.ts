/** The app's templates (main/templates) as the handlers' TemplateSource. */
import { createTemplateLibrary, listTemplates, readTemplate } from '../templates/index';
import type { TemplateSource } from './handlers';

/** The shipped templates, or those in `dir` (the desktop app passes its resources folder). */
export function templateSource(dir?: string): TemplateSource {
  if (dir === undefined) return { listTemplates, readTemplate };
  const library = createTemplateLibrary(dir);
  return { listTemplates: () => library.listTemplates(), readTemplate: (id) => library.readTemplate(id) };
}
