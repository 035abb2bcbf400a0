/** The app's templates (main/templates) as the handlers' TemplateSource. */
import type { TemplateSource } from './handlers';

// A variable specifier until main/templates lands, so typecheck does not depend on it.
const TEMPLATES_MODULE = '../templates/index';

export async function loadTemplateSource(): Promise<TemplateSource> {
  try {
    const mod = (await import(/* @vite-ignore */ TEMPLATES_MODULE)) as TemplateSource;
    return { listTemplates: () => mod.listTemplates(), readTemplate: (id) => mod.readTemplate(id) };
  } catch {
    return { listTemplates: () => [], readTemplate: () => undefined };
  }
}
