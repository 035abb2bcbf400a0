import { list } from '../fmt';
import type { RawFinding, Rule } from './rule';

const BODY_METHODS = ['POST', 'PUT', 'PATCH'];

export const rule: Rule = {
  id: 'security.missing-input-schema',
  severity: 'warning',
  subject: 'node',
  title: 'Endpoint takes a body without a schema',
  when: 'a POST, PUT or PATCH endpoint has no request schema.',
  why: 'Without a schema, input is not validated at the boundary (mass assignment, OWASP API3/API6), and the exported OpenAPI cannot describe the call.',
  fix: 'Name a request schema for each such endpoint and validate against it where the request enters.',
  check(ctx) {
    const out: RawFinding[] = [];
    const g = ctx.graph;
    for (let v = 0; v < g.ids.length; v++) {
      const nd = g.nodes[v]!;
      const endpoints = ('api' in nd ? nd.api?.endpoints : undefined) ?? [];
      const bare = endpoints.filter((e) => BODY_METHODS.includes(e.method) && !e.request);
      if (bare.length === 0) continue;
      const id = g.ids[v]!;
      out.push({
        nodes: [id],
        message: `${id}: ${list(bare.map((e) => `${e.method} ${e.path} (${e.id})`))} ${bare.length === 1 ? 'takes' : 'take'} a body with no request schema: input is not validated at the boundary.`,
        suggestion: `Add request: <SchemaName> to ${list(bare.map((e) => e.id))}, with the schema under schemas:.`,
      });
    }
    return out;
  },
};
