import { describe, expect, it } from 'vitest';
import { completeAt, keysWithValues } from './schema-completion';
import { yamlContextAt } from './yaml-context';

const DOC = `keel: 1
name: Shop
# a comment
nodes:
  api:
    kind: service
    replicas: 2
    capacity:
      rps: 100
  db:
    kind: database
    engine: postgres
links:
  - from: api
    to: db
`;

/** The text with `|` marking the cursor. */
function at(doc: string) {
  const pos = doc.indexOf('|');
  return { text: doc.replace('|', ''), pos };
}

describe('yamlContextAt', () => {
  it('finds the key path above the cursor by indentation', () => {
    const { text, pos } = at(DOC.replace('    replicas: 2\n', '    replicas: 2\n    la|\n'));
    const ctx = yamlContextAt(text, pos)!;
    expect(ctx).toMatchObject({ path: ['nodes', 'api'], mode: 'key', prefix: 'la', column: 4 });
    expect(ctx.siblings.get('kind')).toBe('service');
    expect(ctx.siblings.has('replicas')).toBe(true);
    expect(ctx.siblings.has('engine')).toBe(false);
  });

  it('knows list items and values', () => {
    const { text, pos } = at(DOC.replace('    to: db\n', '    to: db\n    protocol: gr|\n'));
    expect(yamlContextAt(text, pos)).toMatchObject({ path: ['links', 0], mode: 'value', key: 'protocol', prefix: 'gr' });
    const second = at(DOC + '  - fr|\n');
    expect(yamlContextAt(second.text, second.pos)).toMatchObject({ path: ['links', 0], mode: 'key', prefix: 'fr' });
    const nested = at(DOC.replace('      rps: 100\n', '      rps: 100\n      |\n'));
    expect(yamlContextAt(nested.text, nested.pos)).toMatchObject({ path: ['nodes', 'api', 'capacity'], mode: 'key' });
  });
});

describe('completeAt', () => {
  it('offers the keys of the node kind written beside the cursor, not those already there', () => {
    const { text, pos } = at(DOC.replace('    replicas: 2\n', '    replicas: 2\n    |\n'));
    const labels = completeAt(text, pos)!.options.map((o) => o.label);
    expect(labels).toContain('latencyMs');
    expect(labels).not.toContain('replicas');
    expect(labels).not.toContain('engine');
    const db = at(DOC.replace('    engine: postgres\n', '    engine: postgres\n    |\n'));
    expect(completeAt(db.text, db.pos)!.options.map((o) => o.label)).not.toContain('engine');
  });

  it('offers enum values: node kinds, link access', () => {
    const kind = at(DOC.replace('    kind: service', '    kind: |'));
    const kinds = completeAt(kind.text, kind.pos)!.options.map((o) => o.label);
    expect(kinds).toEqual(expect.arrayContaining(['service', 'database', 'queue', 'client']));
    const access = at(DOC.replace('    to: db\n', '    to: db\n    access: |\n'));
    expect(completeAt(access.text, access.pos)!.options.map((o) => o.label)).toContain('read');
  });

  it('offers the top-level keys at the root', () => {
    const { text, pos } = at(DOC + 'no|\n');
    const labels = completeAt(text, pos)!.options.map((o) => o.label);
    expect(labels).toEqual(expect.arrayContaining(['notes', 'views', 'decisions']));
    expect(labels).not.toContain('nodes');
  });

  it('knows which keys have values to offer', () => {
    const keys = keysWithValues();
    expect([...keys]).toEqual(expect.arrayContaining(['kind', 'access', 'status', 'keel']));
    expect(keys.has('name')).toBe(false);
    expect(keys.has('tech')).toBe(false);
  });
});
