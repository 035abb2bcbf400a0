/** The one YAML serializer of the exporters: the `yaml` library, no anchors, no folding. */
import { stringify } from 'yaml';

export function toYaml(value: unknown, header?: string): string {
  const body = stringify(value, { aliasDuplicateObjects: false, lineWidth: 0 });
  // A header comment is built from fixed text only (never model text).
  return header ? `# ${header}\n${body}` : body;
}
