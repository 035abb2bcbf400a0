import { list } from '../fmt';
import type { RawFinding, Rule } from './rule';
import { crossContextFinding, describeUsers, storeUsers } from './data-shared-store';

export const rule: Rule = {
  id: 'data.shared-database',
  severity: 'warning',
  subject: 'node',
  title: 'Database shared across bounded contexts',
  when: 'the gateways, services, workers and functions linking to a database synchronously span two or more contexts (no context counts as one more), or the database has an owner and one of them sits in another context than the owner\u2019s.',
  why: 'A schema shared across contexts couples their releases: a column change in one team\u2019s code breaks another\u2019s, and neither owns the data.',
  fix: 'Give each context its own database; others read through the owner\u2019s API or a replicated read model fed by events.',
  check(ctx) {
    const out: RawFinding[] = [];
    const g = ctx.graph;
    for (let v = 0; v < g.ids.length; v++) {
      const nd = g.nodes[v]!;
      if (nd.kind !== 'database') continue;
      const id = g.ids[v]!;
      const spanning = crossContextFinding(
        ctx,
        v,
        'a schema change in one breaks the others, and no context owns the data',
        `Keep ${id} to one context${nd.owner ? ` (its owner ${nd.owner})` : ''}; let the others call its API or keep their own read model fed by events.`,
      );
      if (spanning) {
        out.push(spanning);
        continue;
      }
      const owner = nd.owner === undefined ? undefined : g.index.get(nd.owner);
      if (owner === undefined) continue;
      const ownerCtx = g.nodes[owner]!.context;
      const { users } = storeUsers(ctx, v);
      const strangers = users.filter((u) => g.nodes[u]!.context !== ownerCtx);
      if (strangers.length === 0) continue;
      const names = strangers.map((u) => g.ids[u]!);
      out.push({
        nodes: [id, ...names],
        message: `${id} is owned by ${nd.owner} (${ownerCtx ?? 'no context'}) but ${describeUsers(ctx, strangers)} ${strangers.length === 1 ? 'reaches' : 'reach'} into it directly.`,
        suggestion: `Have ${list(names)} go through ${nd.owner}'s API (or events it publishes) instead of ${id}.`,
      });
    }
    return out;
  },
};
