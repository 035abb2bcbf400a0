import type { RawFinding, Rule } from './rule';

export const rule: Rule = {
  id: 'data.missing-fk-index',
  severity: 'warning',
  subject: 'node',
  title: 'Foreign key without an index',
  when: 'a `references` column is not the first column of any index or of the primary key.',
  why: 'Joins along the reference and every delete or key update on the referenced table scan the whole referencing table, and may lock it.',
  fix: 'Add an index that starts with the column.',
  check(ctx) {
    const out: RawFinding[] = [];
    const g = ctx.graph;
    for (let v = 0; v < g.ids.length; v++) {
      const nd = g.nodes[v]!;
      if (nd.kind !== 'database' || !nd.tables) continue;
      const id = g.ids[v]!;
      for (const [table, spec] of Object.entries(nd.tables)) {
        const columns = Object.entries(spec.columns);
        const pkFirst = columns.find(([, c]) => c.primaryKey)?.[0];
        const leading = new Set((spec.indexes ?? []).map((ix) => ix.columns[0]));
        for (const [name, col] of columns) {
          if (!col.references || name === pkFirst || leading.has(name)) continue;
          out.push({
            nodes: [id],
            message: `${id}: ${table}.${name} references ${col.references} but no index starts with it: joins from ${col.references.split('.')[0]} and deletes there scan all of ${table}.`,
            suggestion: `Add to table ${table}: indexes: [ { columns: [${name}] } ].`,
          });
        }
      }
    }
    return out;
  },
};
