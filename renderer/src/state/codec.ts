/** Model <-> YAML text, as the store keeps it: the shared parser and the canonical writer. */
import { parseModel } from '../../../shared/parse';
import { writeModel } from '../../../shared/write';
import type { Model } from '../../../shared/model/types';

export function decodeModel(text: string, file = 'model.keel.yaml'): { model?: Model; errors: string[] } {
  const r = parseModel(text, file);
  if (!r.model || r.problems.length)
    return { errors: r.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`) };
  return { model: r.model, errors: [] };
}

export function encodeModel(model: Model): string {
  return writeModel(model);
}
