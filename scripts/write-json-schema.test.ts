import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateModel } from '../shared/testing/generate-model';
import { writeModel } from '../shared/write';
import { jsonSchemaText, SCHEMA_ID, SCHEMA_PATH } from './write-json-schema';

const committed = readFileSync(SCHEMA_PATH, 'utf8');
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(committed));

const templatesDir = new URL('../resources/templates/', import.meta.url);
const fixturesDir = new URL('../shared/parse/fixtures/', import.meta.url);
const yamlFiles = (dir: URL) => readdirSync(dir).filter((f) => f.endsWith('.keel.yaml')).map((f) => new URL(f, dir));

describe('resources/keel.schema.json', () => {
  it('is up to date with the zod schema (run `npm run schema`)', () => {
    expect(committed).toBe(jsonSchemaText());
  });

  it('is draft 2020-12 with an $id, titles and descriptions', () => {
    const schema = JSON.parse(committed);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(SCHEMA_ID);
    expect(schema.title).toBe('Keel model');
    expect(schema.$defs.Link.title).toMatch(/Link/);
    expect(schema.properties.keel.description).toMatch(/Format version/);
  });

  it('accepts every template, every fixture and generated models', () => {
    const files = [...yamlFiles(templatesDir), ...yamlFiles(fixturesDir)];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const ok = validate(parse(readFileSync(file, 'utf8')));
      expect(ok ? [] : validate.errors, file.pathname).toEqual([]);
    }
    expect(validate(parse(writeModel(generateModel({ nodes: 200, links: 400 }))))).toBe(true);
  });

  it('rejects what the format forbids', () => {
    const shop = () => parse(readFileSync(new URL('shop.keel.yaml', fixturesDir), 'utf8'));
    const cases: ((m: ReturnType<typeof shop>) => void)[] = [
      (m) => (m.keel = 2),
      (m) => (m.nodes.orders.replica = 3),
      (m) => (m.nodes.orders.kind = 'servic'),
      (m) => (m.nodes['../x'] = { kind: 'cache' }),
      (m) => (m.links[0].calls = -1),
      (m) => delete m.nodes,
    ];
    for (const change of cases) {
      const m = shop();
      change(m);
      expect(validate(m), String(change)).toBe(false);
    }
  });
});
