import { isSync } from '../graph';
import { list, num } from '../fmt';
import type { RawFinding, Rule } from './rule';

/** Reads/s from which a database is worth a cache or replica. */
export const READ_HEAVY_RPS = 100;
/** Share of the database's known-access traffic that is reads. */
export const READ_HEAVY_SHARE = 0.8;

export const rule: Rule = {
  id: 'data.read-heavy-no-cache',
  severity: 'warning',
  subject: 'node',
  title: 'Read-heavy database without a cache or read replica',
  when: `a database receives at least ${READ_HEAVY_RPS} reads/s over sync links with access: read, reads are at least ${READ_HEAVY_SHARE * 100}% of its traffic with a known access (read, write, readwrite), it has no readReplicas, and none of its readers uses a cache.`,
  why: 'Every read hits the primary: it carries load a cache or replica would take for a fraction of the cost, and its writes slow down with it.',
  fix: 'Put a cache in front of the hottest reads (cache-aside with a TTL, or invalidated by events), or add readReplicas and send reads there.',
  check(ctx) {
    const out: RawFinding[] = [];
    const g = ctx.graph;
    for (let v = 0; v < g.ids.length; v++) {
      const nd = g.nodes[v]!;
      if (nd.kind !== 'database' || (nd.readReplicas ?? 0) > 0) continue;
      let reads = 0;
      let writes = 0;
      const readers = new Set<number>();
      for (const li of g.in[v]!) {
        const l = g.links[li]!;
        if (!isSync(l) || !l.link.access || l.from < 0) continue;
        const rate = ctx.load.link[li]!;
        if (l.link.access === 'read') {
          reads += rate;
          readers.add(l.from);
        } else writes += rate;
      }
      if (!(reads >= READ_HEAVY_RPS) || !(reads >= READ_HEAVY_SHARE * (reads + writes))) continue;
      const cached = [...readers].some((r) => g.out[r]!.some((li) => g.links[li]!.to >= 0 && g.nodes[g.links[li]!.to]!.kind === 'cache'));
      if (cached) continue;
      const id = g.ids[v]!;
      const names = [...readers].sort((a, b) => a - b).map((r) => g.ids[r]!);
      out.push({
        nodes: [id, ...names],
        message: `${id} serves ${num(reads)} reads/s (${num((reads / (reads + writes)) * 100, 0)}% of its traffic) from ${list(names)} with no cache in front and no read replicas.`,
        suggestion: `Add a cache that ${list(names)} ${names.length === 1 ? 'reads' : 'read'} through (a 90% hit rate leaves ${num(reads * 0.1)} reads/s for ${id}), or set readReplicas: 2 on ${id}.`,
      });
    }
    return out;
  },
};
