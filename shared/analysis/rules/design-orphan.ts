import type { RawFinding, Rule } from './rule';

export const rule: Rule = {
  id: 'design.orphan',
  severity: 'info',
  subject: 'node',
  title: 'Node without links',
  when: 'a node has no links (being some node\u2019s deadLetter counts as a link).',
  why: 'A node nothing calls and that calls nothing takes part in no request: either a link is missing or the node is left over.',
  fix: 'Link it where it belongs, or remove it.',
  check(ctx) {
    const g = ctx.graph;
    const linked = new Uint8Array(g.ids.length);
    for (let v = 0; v < g.ids.length; v++) {
      if (g.out[v]!.length > 0 || g.in[v]!.length > 0) linked[v] = 1;
      const dl = (g.nodes[v]! as { deadLetter?: string | true }).deadLetter;
      if (typeof dl === 'string') {
        linked[v] = 1;
        const target = g.index.get(dl);
        if (target !== undefined) linked[target] = 1;
      }
    }
    const out: RawFinding[] = [];
    for (let v = 0; v < g.ids.length; v++) {
      if (linked[v]) continue;
      const id = g.ids[v]!;
      out.push({
        nodes: [id],
        message: `${id} has no links: no request reaches it and it calls nothing.`,
        suggestion: `Link ${id} to the nodes that use it, or remove it from the model.`,
      });
    }
    return out;
  },
};
