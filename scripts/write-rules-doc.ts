/** `npm run docs:rules`: writes docs/rules.md from the rule modules (a test fails when it is stale). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderRulesDoc } from '../shared/analysis/rules-doc';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules.md');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, renderRulesDoc());
console.log(`wrote ${target}`);
