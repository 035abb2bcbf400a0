/**
 * Model benchmark (issue 3 targets): on a generated 2,000-node / 5,000-link
 * model, parse + validate < 250 ms and canonical write < 150 ms; and how
 * parse time grows from 200 to 2,000 to 20,000 nodes. Baselines from the same
 * run: bare js-yaml / yaml parsing of the same text, yaml's stringify.
 * Run: npm run bench -- model
 */
import jsyaml from 'js-yaml';
import { parseDocument, stringify } from 'yaml';
import { createValidator, parseModel, validateModel } from '../shared/parse';
import type { Model } from '../shared/model/types';
import { generateModel } from '../shared/testing/generate-model';
import { patchModelText, updateModelText, writeModel } from '../shared/write';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** CPU time of the last `median` call: on a shared, busy machine wall time also counts waiting for a core. */
let lastCpu = 0;
function median(fn: () => unknown, runs: number, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpus.push((d.user + d.system) / 1000);
  }
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  lastCpu = mid(cpus);
  return mid(times);
}

const rows: [string, string, string, string, string][] = [];
const ms = (x: number) => `${x.toFixed(1)} ms`;
const row = (what: string, value: number, target?: number, note = '') =>
  rows.push([what, ms(value), ms(lastCpu), target === undefined ? '' : `${value < target ? 'ok' : 'MISSED'} (< ${target} ms)`, note]);

const model = generateModel({ nodes: 2000, links: 5000 });
const text = writeModel(model);
if (parseModel(text, 'bench').problems.length > 0) throw new Error('generated model does not validate');
const careful = text.replace(/^keel: 1$/m, 'keel: !!int 1'); // a tag sends parseModel down the yaml-Document route

const jsyamlOnly = median(() => jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }), 9);
const parse = median(() => parseModel(text, 'bench'), 9);
row('parse + validate (2,000 nodes)', parse, 250, `${(text.length / 1048576).toFixed(2)} MiB; bare js-yaml load ${ms(jsyamlOnly)} (x${(parse / jsyamlOnly).toFixed(2)})`);
const validateOnly = median(() => validateModel(model), 9);
row('  validateModel alone', validateOnly);
const fullCpu = lastCpu;
{
  // The studio's route: one incremental validator; each run validates a model whose one node changed one field (as immer makes it).
  const validator = createValidator();
  validator.validate(model);
  const id = Object.keys(model.nodes)[100]!;
  let current = model;
  let replicas = 1;
  const incremental = median(() => {
    current = { ...current, nodes: { ...current.nodes, [id]: { ...current.nodes[id]!, replicas: (replicas++ % 5) + 1 } as Model['nodes'][string] } };
    validator.validate(current);
  }, 15);
  row('  incremental validation, one field edited', incremental, undefined, `createValidator; full validateModel x${(validateOnly / incremental).toFixed(1)} wall, x${(fullCpu / lastCpu).toFixed(1)} CPU`);
}
const yamlDoc = median(() => parseDocument(text), 5);
row('  careful route (yaml Document)', median(() => parseModel(careful, 'bench'), 5), undefined, `files with problems; bare parseDocument ${ms(yamlDoc)}`);
const yamlStringify = median(() => stringify(model), 5);
const write = median(() => writeModel(model), 9);
row('canonical write (2,000 nodes)', write, 150, `yaml.stringify of the same model ${ms(yamlStringify)} (x${(write / yamlStringify).toFixed(2)})`);
const edited = structuredClone(model);
edited.nodes['service-100'] = { ...edited.nodes['service-100']!, replicas: 9 };
row('updateModelText, one field changed', median(() => updateModelText(text, edited), 3, 1), undefined, 'in-place Document edit (the fallback route)');
const oldModel = parseModel(text, 'bench').model!;
const editedFromText = structuredClone(oldModel);
editedFromText.nodes['service-100'] = { ...editedFromText.nodes['service-100']!, replicas: 9 };
row('patchModelText, one field changed', median(() => patchModelText(text, oldModel, editedFromText), 7), undefined, 'the studio\'s route: only the entry\'s lines');
const placed = { ...oldModel, layout: Object.fromEntries(Object.keys(oldModel.nodes).map((id, i) => [id, { x: (i % 40) * 230, y: Math.floor(i / 40) * 100 }])) };
const placedText = writeModel(placed);
const relaid = { ...placed, layout: Object.fromEntries(Object.keys(oldModel.nodes).map((id, i) => [id, { x: (i % 37) * 240, y: Math.floor(i / 37) * 110 }])) };
row('patchModelText, every node moved', median(() => patchModelText(placedText, placed, relaid), 7), undefined, 'an auto-layout of all 2,000 nodes');

const growth: [number, number, number][] = [];
for (const n of [200, 2000, 20000]) {
  const t = writeModel(generateModel({ nodes: n, links: Math.round(n * 2.5) }));
  const wall = median(() => parseModel(t, 'bench'), n >= 20000 ? 3 : 7, n >= 20000 ? 1 : 2);
  growth.push([n, wall, lastCpu]);
}
const [, baseWall, baseCpu] = growth[0]!;
for (const [n, wall, cpu] of growth) {
  lastCpu = cpu;
  row(`parse + validate, ${n.toLocaleString('en')} nodes`, wall, undefined, `x${(wall / baseWall).toFixed(1)} wall, x${(cpu / baseCpu).toFixed(1)} CPU vs 200 nodes (nodes x${n / 200})`);
}

const header = ['measure', 'median wall', 'median CPU', 'target (wall)', 'notes'];
const widths = header.map((h, i) => Math.max(...rows.map((r) => r[i]!.length), h.length));
const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
console.log(`load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
console.log(line(header));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const r of rows) console.log(line(r));
const missed = rows.some((r) => r[2].startsWith('MISSED'));
process.exit(missed ? 1 : 0);
