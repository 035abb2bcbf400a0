import { num } from '../fmt';
import type { RawFinding, Rule } from './rule';

const TIB = 2 ** 40;

export const rule: Rule = {
  id: 'data.sharding',
  severity: 'info',
  subject: 'node',
  title: 'Very large table without a shard key',
  when: 'a table has rows > 1e9, or rows x rowBytes > 1 TiB, and no shardKey.',
  why: 'Past a billion rows or a terabyte, one node\u2019s disk, memory and vacuum/compaction become the limit; choosing a shard key late means rewriting every query.',
  fix: 'Choose a shardKey that most queries filter by (tenant, customer) and that spreads writes evenly; or plan partitioning by time.',
  check(ctx) {
    const out: RawFinding[] = [];
    const g = ctx.graph;
    for (let v = 0; v < g.ids.length; v++) {
      const nd = g.nodes[v]!;
      if (nd.kind !== 'database' || !nd.tables) continue;
      const id = g.ids[v]!;
      for (const [table, spec] of Object.entries(nd.tables)) {
        const rows = spec.rows ?? 0;
        const bytes = rows * (spec.rowBytes ?? 0);
        if (spec.shardKey || !(rows > 1e9 || bytes > TIB)) continue;
        out.push({
          nodes: [id],
          message: `${id}: table ${table} holds ${num(rows, 0)} rows${bytes > 0 ? ` (${num(bytes / TIB)} TiB)` : ''} and has no shardKey.`,
          suggestion: `Set shardKey on ${table} to the column most queries filter by (a tenant or customer id), or partition it by time.`,
        });
      }
    }
    return out;
  },
};
