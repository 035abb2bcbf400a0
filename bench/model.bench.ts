/**
 * Model benchmark (issue 3 targets): on a generated 2,000-node / 5,000-link
 * model, parse + validate < 250 ms and canonical write < 150 ms; and how
 * parse time grows from 200 to 2,000 to 20,000 nodes. Baselines from the same
 * run: bare js-yaml / yaml parsing of the same text, yaml's stringify.
 * Run: npm run bench -- model
 */
import jsyaml from 'js-yaml';
import { parseDocument, stringify } from 'yaml';
import { parseModel, validateModel } from '../shared/parse';
import { generateModel } from '../shared/testing/generate-model';
import { updateModelText, writeModel } from '../shared/write';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function median(fn: () => unknown, runs: number, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const rows: [string, string, string, string][] = [];
const ms = (x: number) => `${x.toFixed(1)} ms`;
const row = (what: string, value: number, target?: number, note = '') =>
  rows.push([what, ms(value), target === undefined ? '' : `${value < target ? 'ok' : 'MISSED'} (< ${target} ms)`, note]);

const model = generateModel({ nodes: 2000, links: 5000 });
const text = writeModel(model);
if (parseModel(text, 'bench').problems.length > 0) throw new Error('generated model does not validate');
const careful = text.replace(/^keel: 1$/m, 'keel: !!int 1'); // a tag sends parseModel down the yaml-Document route

const parse = median(() => parseModel(text, 'bench'), 9);
const jsyamlOnly = median(() => jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }), 9);
row('parse + validate (2,000 nodes)', parse, 250, `${(text.length / 1048576).toFixed(2)} MiB; bare js-yaml load ${ms(jsyamlOnly)} (x${(parse / jsyamlOnly).toFixed(2)})`);
row('  validateModel alone', median(() => validateModel(model), 9));
const yamlDoc = median(() => parseDocument(text), 5);
row('  careful route (yaml Document)', median(() => parseModel(careful, 'bench'), 5), undefined, `files with problems; bare parseDocument ${ms(yamlDoc)}`);
const write = median(() => writeModel(model), 9);
row('canonical write (2,000 nodes)', write, 150, `yaml.stringify of the same model ${ms(median(() => stringify(model), 5))}`);
const edited = structuredClone(model);
edited.nodes['service-100'] = { ...edited.nodes['service-100']!, replicas: 9 };
row('updateModelText, one field changed', median(() => updateModelText(text, edited), 3, 1), undefined, 'in-place Document edit (studio save of a file)');

const growth: [number, number][] = [];
for (const n of [200, 2000, 20000]) {
  const t = writeModel(generateModel({ nodes: n, links: Math.round(n * 2.5) }));
  growth.push([n, median(() => parseModel(t, 'bench'), n >= 20000 ? 3 : 7, n >= 20000 ? 1 : 2)]);
}
const base = growth[0]![1];
for (const [n, t] of growth) row(`parse + validate, ${n.toLocaleString('en')} nodes`, t, undefined, `x${(t / base).toFixed(1)} vs 200 nodes (nodes x${n / 200})`);

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), 6));
const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
console.log(line(['measure', 'median', 'target', 'notes']));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const r of rows) console.log(line(r));
const missed = rows.some((r) => r[2].startsWith('MISSED'));
process.exit(missed ? 1 : 0);
