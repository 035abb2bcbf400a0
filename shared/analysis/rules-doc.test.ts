import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from './rules';
import { renderRulesDoc } from './rules-doc';

describe('docs/rules.md', () => {
  it('is up to date with the rule modules (run `npm run docs:rules`)', () => {
    const onDisk = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderRulesDoc());
  });

  it('documents every rule with why and fix', () => {
    const doc = renderRulesDoc();
    for (const r of RULES) {
      expect(doc).toContain(`### \`${r.id}\` (${r.severity})`);
      expect(doc).toContain(r.why);
      expect(doc).toContain(r.fix);
    }
  });
});
