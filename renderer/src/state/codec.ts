/** Model <-> YAML text, as the store keeps it. */
import YAML from 'yaml';
import { validateModel } from '../../../shared/parse';
import type { Model } from '../../../shared/model/types';

export function decodeModel(text: string): { model?: Model; errors: string[] } {
  let value: unknown;
  try {
    value = YAML.parse(text);
  } catch (e) {
    return { errors: [e instanceof Error ? e.message : String(e)] };
  }
  const issues = validateModel(value);
  if (issues.length) return { errors: issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  return { model: value as Model, errors: [] };
}

export function encodeModel(model: Model): string {
  return YAML.stringify(model, { lineWidth: 0 });
}
