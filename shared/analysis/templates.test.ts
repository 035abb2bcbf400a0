/** The analysis on every shipped template: figures for every node and entry, valid output, no surprises. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../parse';
import { analyze, formatText, keyLocator, toSarif } from './index';

const dir = new URL('../../resources/templates/', import.meta.url);
const templates = (() => {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.keel.yaml'));
  } catch {
    return [];
  }
})();

describe.runIf(templates.length > 0)('templates', () => {
  it.each(templates)('%s analyses with figures for every node and entry', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const parsed = parseModel(text, file);
    expect(parsed.problems).toEqual([]);
    const model = parsed.model!;
    const r = analyze(model);
    expect(Object.keys(r.nodes).sort()).toEqual(Object.keys(model.nodes).sort());
    const clients = Object.entries(model.nodes).filter(([, n]) => n.kind === 'client').map(([id]) => id);
    expect(Object.keys(r.entries).sort()).toEqual(clients.sort());
    for (const e of Object.values(r.entries)) {
      expect(e.availability).toBeGreaterThan(0);
      expect(e.availability).toBeLessThanOrEqual(100);
    }
    const locate = keyLocator(text);
    // Every finding points at a real line of the file.
    const lines = text.split('\n').length;
    for (const line of formatText(r, { file, locate }).split('\n').filter((l) => l.startsWith(`${file}:`))) {
      const n = Number(line.split(':')[1]);
      expect(n).toBeGreaterThan(1);
      expect(n).toBeLessThanOrEqual(lines);
    }
    expect(JSON.parse(JSON.stringify(toSarif(r, { file, locate, toolVersion: '0' })))).toHaveProperty('version', '2.1.0');
  });
});
