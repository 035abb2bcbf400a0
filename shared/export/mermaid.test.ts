import { describe, expect, it } from 'vitest';
import type { Model, ModelNode } from '../model/types';
import { generateModel } from '../testing/generate-model';
import { contextTree, mermaidFlowchart } from './mermaid';

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

/** Each subgraph of a flowchart with the subgraphs and contexts directly inside it. */
function subgraphTree(mmd: string): Map<string, string[]> {
  const children = new Map<string, string[]>([['', []]]);
  const stack = [''];
  for (const line of mmd.split('\n')) {
    const open = /^\s*subgraph (\w+)\[/.exec(line);
    if (open) {
      children.get(stack.at(-1)!)!.push(open[1]!);
      children.set(open[1]!, []);
      stack.push(open[1]!);
    } else if (/^\s*end$/.test(line)) stack.pop();
  }
  expect(stack).toEqual(['']);
  return children;
}

describe('mermaidFlowchart contexts', () => {
  it('draws two linked contexts as subgraphs side by side, with no wrapper and no context line', () => {
    const mmd = mermaidFlowchart(twoContexts);
    expect(mmd).toContain('  subgraph ctx_a["Alpha"]\n    n_a1[');
    expect(mmd).toContain('  subgraph ctx_b["Beta"]\n    n_b1[');
    // Gamma keeps to itself: mermaid lays it out on its own, as one node.
    expect(mmd).toContain('  subgraph ctx_c["Gamma"]\n    n_c1[');
    expect(mmd).not.toContain('grp_');
    expect(mmd).not.toContain('context:');
  });

  it('wraps the two of three linked contexts that link most in an invisible subgraph', () => {
    const model: Model = {
      ...twoContexts,
      links: [...twoContexts.links!, { from: 'b1', to: 'c1' }, { from: 'c1', to: 'b1', async: true }],
    };
    const mmd = mermaidFlowchart(model);
    // Beta and Gamma share two links, Alpha and Beta one: Alpha stays beside the wrapper.
    expect([...subgraphTree(mmd)]).toEqual([
      ['', ['ctx_a', 'grp_1']],
      ['ctx_a', []],
      ['grp_1', ['ctx_b', 'ctx_c']],
      ['ctx_b', []],
      ['ctx_c', []],
    ]);
    expect(mmd).toContain('  subgraph grp_1[" "]\n    subgraph ctx_b["Beta"]\n      n_b1[');
    expect(mmd).toContain('  style grp_1 fill:none,stroke:none\n');
    expect(mmd).not.toContain('context:');
    // Nodes outside any context stay outside; every link is still drawn node to node.
    expect(mmd).toContain('  n_web(["Web<br/><small>client</small>"])');
    expect(mmd).toContain('  n_b1 --> n_c1\n');
  });

  it('pairs the contexts that link most, a level at a time', () => {
    const contexts = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((c) => [c, {}]));
    const nodes = Object.fromEntries(
      Object.keys(contexts).map((c): [string, ModelNode] => [c, { kind: 'service', context: c }]),
    );
    const pairs = [
      ['a', 'c'],
      ['c', 'a'],
      ['b', 'd'],
      ['b', 'd'],
      ['a', 'b'],
      ['d', 'e'],
      ['e', 'b'],
      ['c', 'e'],
    ];
    const model: Model = {
      keel: 1,
      name: 'five',
      contexts,
      nodes,
      links: pairs.map(([from, to]) => ({ from: from!, to: to! })),
    };
    const contextOf = (id: string) => model.nodes[id]?.context;
    // a-c and b-d (2 links each) first; e is left over and joins (b, d), with 2 links to it, on the next level.
    expect(contextTree(model, contextOf)).toEqual([
      ['a', 'c'],
      [['b', 'd'], 'e'],
    ]);
  });

  it.each([
    [80, 5],
    [150, 3],
    [300, 1],
  ])(
    'the generated model of %i nodes (seed %i) keeps every context as a subgraph, never three linked ones side by side',
    (nodes, seed) => {
      const model = generateModel({ nodes, links: nodes * 1.5, seed, contextSize: 5 });
      const mmd = mermaidFlowchart(model);
      const tree = subgraphTree(mmd);
      const contexts = new Set(Object.values(model.nodes).flatMap((n) => (n.context ? [n.context] : [])));
      expect([...tree.keys()].filter((k) => k.startsWith('ctx_'))).toHaveLength(contexts.size);
      // Contexts with links across their borders, and the wrappers holding them: at most two under any parent.
      const crossing = new Set(
        model.links!.flatMap((l) => {
          const [a, b] = [model.nodes[l.from]!.context, model.nodes[l.to]!.context];
          return a === b ? [] : [a, b].map((c) => `ctx_${c?.replace(/\W/g, '_')}`);
        }),
      );
      expect(crossing.size).toBeGreaterThan(10);
      for (const [parent, kids] of tree) {
        const linked = kids.filter((k) => k.startsWith('grp_') || crossing.has(k));
        expect(linked.length, parent).toBeLessThanOrEqual(2);
        if (parent.startsWith('grp_')) expect(linked, parent).toHaveLength(2);
      }
      // A balanced tree: no context deeper than log2 of their number.
      const depth = (id: string): number => Math.max(0, ...tree.get(id)!.map((k) => 1 + depth(k)));
      expect(depth('')).toBeLessThanOrEqual(Math.ceil(Math.log2(crossing.size)) + 1);
      expect(mmd.match(/^ +n_\w+[[({>]/gm)).toHaveLength(nodes);
      expect(mmd.match(/^ {2}n_\w+ -\.?->/gm)).toHaveLength(model.links!.length);
      expect(mmd).not.toContain('context:');
    },
  );

  it('escapes context names in subgraph titles', () => {
    const model: Model = {
      ...twoContexts,
      contexts: { ...twoContexts.contexts, a: { name: '"]] end <b>x</b>' } },
      links: [...twoContexts.links!, { from: 'b1', to: 'c1' }],
    };
    const mmd = mermaidFlowchart(model);
    expect(mmd).not.toContain('<b>x');
    expect(mmd).toContain('subgraph ctx_a["#34;#93;#93; end #60;b#62;x#60;/b#62;"]');
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
