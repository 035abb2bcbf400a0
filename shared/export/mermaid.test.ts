import { describe, expect, it } from 'vitest';
import type { Model } from '../model/types';
import { generateModel } from '../testing/generate-model';
import { mermaidFlowchart } from './mermaid';

const twoContexts: Model = {
  keel: 1,
  name: 'two',
  contexts: { a: { name: 'Alpha' }, b: { name: 'Beta' }, c: { name: 'Gamma' } },
  nodes: {
    web: { kind: 'client', name: 'Web' },
    a1: { kind: 'service', context: 'a' },
    a2: { kind: 'database', context: 'a', engine: 'postgres' },
    b1: { kind: 'service', context: 'b' },
    c1: { kind: 'worker', context: 'c' },
    c2: { kind: 'cache', context: 'c', engine: 'redis' },
  },
  links: [
    { from: 'web', to: 'a1' },
    { from: 'a1', to: 'a2' },
    { from: 'a1', to: 'b1' },
    { from: 'c1', to: 'c2' },
  ],
};

describe('mermaidFlowchart contexts', () => {
  it('draws contexts as subgraphs while at most two have links across their borders', () => {
    const mmd = mermaidFlowchart(twoContexts);
    expect(mmd).toContain('  subgraph ctx_a["Alpha"]\n    n_a1[');
    expect(mmd).toContain('  subgraph ctx_b["Beta"]\n    n_b1[');
    // Gamma keeps to itself: mermaid lays it out on its own, as one node.
    expect(mmd).toContain('  subgraph ctx_c["Gamma"]\n    n_c1[');
    expect(mmd).not.toContain('context:');
  });

  it('names the context in each label instead once three contexts link across their borders', () => {
    const model: Model = { ...twoContexts, links: [...twoContexts.links!, { from: 'b1', to: 'c1' }] };
    const mmd = mermaidFlowchart(model);
    expect(mmd).not.toMatch(/^\s*subgraph /m);
    expect(mmd).toContain('n_a1["a1<br/><small>service</small><br/><small>context: Alpha</small>"]');
    expect(mmd).toContain('n_c2[("c2<br/><small>cache / redis</small><br/><small>context: Gamma</small>")]');
    // Nodes outside any context get no context line; every link is still drawn node to node.
    expect(mmd).toContain('n_web(["Web<br/><small>client</small>"])');
    expect(mmd).toContain('  n_b1 --> n_c1\n');
  });

  it('the generated model that broke mermaid (80 nodes, seed 5) has no subgraph; every node, context and link remains', () => {
    const model = generateModel({ nodes: 80, links: 120, seed: 5 });
    const mmd = mermaidFlowchart(model);
    expect(mmd).not.toMatch(/^\s*subgraph /m);
    expect(mmd.match(/^ {2}n_\w+[[({>]/gm)).toHaveLength(80);
    expect(mmd.match(/^ {2}n_\w+ -\.?->/gm)).toHaveLength(model.links!.length);
    expect(mmd.match(/context: Context \d+/g)).toHaveLength(Object.values(model.nodes).filter((n) => n.context).length);
  });

  it('escapes context names in labels', () => {
    const model: Model = {
      ...twoContexts,
      contexts: { ...twoContexts.contexts, a: { name: '"]] end <b>x</b>' } },
      links: [...twoContexts.links!, { from: 'b1', to: 'c1' }],
    };
    const mmd = mermaidFlowchart(model);
    expect(mmd).not.toContain('<b>x');
    expect(mmd).toContain('context: #34;#93;#93; end #60;b#62;x#60;/b#62;');
  });

  it('cuts long labels (mermaid wraps at spaces only) and names an engine the tech names once', () => {
    const name = 'Supercalifragilisticexpialidocious_payment_gateway_with_no_spaces';
    const model: Model = {
      keel: 1,
      name: 'long',
      nodes: {
        web: { kind: 'client', name },
        db: { kind: 'database', engine: 'postgres', tech: 'PostgreSQL 16' },
        q: { kind: 'queue', broker: 'sqs' },
      },
      links: [{ from: 'web', to: 'db', protocol: 'x'.repeat(80) }],
    };
    const mmd = mermaidFlowchart(model);
    expect(mmd).toContain(`n_web(["${name.slice(0, 47)}#8230;<br/><small>client</small>"])`);
    expect(mmd).toContain('n_db[("db<br/><small>database / PostgreSQL 16</small>")]');
    expect(mmd).toContain('n_q[/"q<br/><small>queue / sqs</small>"/]');
    expect(mmd).toContain(`n_web -->|"${'x'.repeat(47)}#8230;"| n_db`);
  });
});
