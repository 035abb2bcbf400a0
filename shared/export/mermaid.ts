/**
 * Mermaid sources: the architecture flowchart (contexts as subgraphs, nested
 * in invisible pairs where mermaid's layout needs it; a shape per node kind,
 * sync links solid, async/publish/consume dashed) and an ER diagram per
 * database. Every label is a quoted Mermaid string whose special
 * characters are entity codes (escape.ts), so model text stays text.
 */
import { displayName, linkMode, resolveLinks, type Model, type ModelNode, type NodeOfKind } from '../model';
import { mermaidLabel } from './escape';

const SHAPES: Record<ModelNode['kind'], [string, string]> = {
  client: ['([', '])'],
  gateway: ['{{', '}}'],
  loadbalancer: ['[/', '\\]'],
  cdn: ['((', '))'],
  service: ['[', ']'],
  worker: ['[[', ']]'],
  function: ['>', ']'],
  database: ['[(', ')]'],
  cache: ['[(', ')]'],
  queue: ['[/', '/]'],
  topic: ['[/', '/]'],
  storage: ['[\\', '\\]'],
  external: ['[', ']'],
};

/** Mermaid ids for model ids: letters, digits and `_` only, prefixed so no keyword (`end`) can clash. */
export function mermaidIds(ids: string[], prefix = 'n_'): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of ids) {
    const base = prefix + id.replace(/[^A-Za-z0-9_]/g, '_');
    let m = base;
    for (let n = 2; taken.has(m); n++) m = `${base}_${n}`;
    taken.add(m);
    out.set(id, m);
  }
  return out;
}

/**
 * Label text cut to `max` characters: mermaid wraps at spaces only, so one long
 * word makes a node as wide as the word, and a stadium (client) shape grows
 * into a circle around a long name. The full text is in the report.
 */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : chars
        .slice(0, max - 1)
        .join('')
        .trimEnd() + '\u2026';
}

function nodeLabel(id: string, node: ModelNode): string {
  const tech = node.tech;
  const sub = [
    node.kind,
    tech,
    // The engine or broker, unless the tech already names it ("PostgreSQL 16" names postgres).
    ...['engine' in node ? node.engine : undefined, 'broker' in node ? node.broker : undefined].filter(
      (x) => !(typeof x === 'string' && tech?.toLowerCase().includes(x.toLowerCase().slice(0, 5))),
    ),
  ].filter((x): x is string => typeof x === 'string' && x.length > 0);
  const name = mermaidLabel(clip(displayName(id, node), 48)).slice(1, -1);
  const second = mermaidLabel(clip([...new Set(sub)].join(' / '), 60)).slice(1, -1);
  return `"${name}<br/><small>${second}</small>"`;
}

/** A context, or an invisible wrapper around two groups of contexts. */
export type ContextTree = string | [ContextTree, ContextTree];

/**
 * How the contexts with links across their borders nest, so that no subgraph
 * has more than two such subgraphs side by side. Mermaid's dagre layout orders
 * sibling subgraphs with one constraint graph per sweep: when three or more
 * siblings interleave over the ranks (A left of B on one rank, B left of C on
 * another, C left of A on a third) that graph gets a cycle, the nodes in it
 * drop out of the order and rendering fails with "Cannot set properties of
 * undefined (setting 'order')". Two siblings can only ever be ordered one way
 * (later ranks keep the order of earlier ones), so wrapping the contexts in a
 * binary tree of invisible subgraphs avoids the cycle. A context with no link
 * across its border is laid out apart (as one node) and stays at the top.
 *
 * The tree is built a level at a time, pairing the groups with the most links
 * between them first, so it stays balanced (depth log2 n) and contexts that
 * talk to each other sit side by side. Returns the one or two top groups.
 */
export function contextTree(model: Model, contextOf: (id: string) => string | undefined): ContextTree[] {
  const crossing: [string, string][] = [];
  for (const link of resolveLinks(model)) {
    const a = contextOf(link.from) ?? '';
    const b = contextOf(link.to) ?? '';
    if (a !== b) crossing.push([a, b]);
  }
  const linked = new Set(crossing.flat());
  let groups: ContextTree[] = Object.keys(model.contexts ?? {}).filter((c) => linked.has(c));
  // The group each context is in; '' (outside any context) is in none.
  const groupOf = new Map(groups.map((c, i) => [c as string, i]));
  while (groups.length > 2) {
    const weight = new Map<number, number>(); // i * n + j (i < j): links between groups i and j
    const n = groups.length;
    for (const [a, b] of crossing) {
      const [i, j] = [groupOf.get(a), groupOf.get(b)];
      if (i === undefined || j === undefined || i === j) continue;
      const key = Math.min(i, j) * n + Math.max(i, j);
      weight.set(key, (weight.get(key) ?? 0) + 1);
    }
    // Most links first, ties in model order; then the groups with no links between them, in order.
    const pairs = [...weight].sort((p, q) => q[1] - p[1] || p[0] - q[0]).map(([key]) => [Math.floor(key / n), key % n]);
    const partner = new Map<number, number>();
    for (const [i, j] of pairs) if (!partner.has(i!) && !partner.has(j!)) partner.set(i!, j!).set(j!, i!);
    const single = groups.flatMap((_, i) => (partner.has(i) ? [] : [i]));
    for (let k = 0; k + 1 < single.length; k += 2)
      partner.set(single[k]!, single[k + 1]!).set(single[k + 1]!, single[k]!);
    const index = new Map<number, number>(); // old group -> new group
    const next: ContextTree[] = [];
    groups.forEach((g, i) => {
      const j = partner.get(i);
      if (j !== undefined && j < i) return index.set(i, index.get(j)!);
      index.set(i, next.length);
      next.push(j === undefined ? g : [g, groups[j]!]);
    });
    for (const [c, i] of groupOf) groupOf.set(c, index.get(i)!);
    groups = next;
  }
  return groups;
}

export function mermaidFlowchart(model: Model): string {
  const ids = mermaidIds(Object.keys(model.nodes));
  const ctxIds = mermaidIds(Object.keys(model.contexts ?? {}), 'ctx_');
  const lines = ['flowchart LR'];
  const contextOf = (id: string): string | undefined => {
    const ctx = model.nodes[id]?.context;
    return ctx && ctxIds.has(ctx) ? ctx : undefined;
  };
  const byContext = new Map<string | undefined, string[]>();
  for (const id of Object.keys(model.nodes)) {
    const ctx = contextOf(id);
    const list = byContext.get(ctx) ?? [];
    list.push(id);
    byContext.set(ctx, list);
  }
  const nodeLine = (id: string, indent: string) => {
    const node = model.nodes[id]!;
    const [open, close] = SHAPES[node.kind];
    return `${indent}${ids.get(id)}${open}${nodeLabel(id, node)}${close}`;
  };
  for (const id of byContext.get(undefined) ?? []) lines.push(nodeLine(id, '  '));
  const contextLines = (ctx: string, indent: string) => {
    const members = byContext.get(ctx);
    if (!members?.length) return;
    const name = model.contexts?.[ctx]?.name ?? ctx;
    lines.push(`${indent}subgraph ${ctxIds.get(ctx)}[${mermaidLabel(clip(name, 60))}]`);
    for (const id of members) lines.push(nodeLine(id, indent + '  '));
    lines.push(`${indent}end`);
  };
  const wrappers: string[] = [];
  const treeLines = (tree: ContextTree, indent: string) => {
    if (typeof tree === 'string') return contextLines(tree, indent);
    const id = `grp_${wrappers.length + 1}`;
    wrappers.push(id);
    lines.push(`${indent}subgraph ${id}[" "]`);
    for (const t of tree) treeLines(t, indent + '  ');
    lines.push(`${indent}end`);
  };
  const trees = contextTree(model, contextOf);
  const leaves = (t: ContextTree): string[] => (typeof t === 'string' ? [t] : t.flatMap(leaves));
  const nested = new Set(trees.flatMap(leaves));
  if (trees.some((t) => typeof t !== 'string')) {
    lines.push(
      '  %% grp_ subgraphs are invisible: they keep at most two linked contexts side by side, which mermaid 11 (dagre) needs to lay them out.',
    );
  }
  for (const ctx of Object.keys(model.contexts ?? {})) if (!nested.has(ctx)) contextLines(ctx, '  ');
  for (const tree of trees) treeLines(tree, '  ');
  for (const link of resolveLinks(model)) {
    const from = ids.get(link.from);
    const to = ids.get(link.to);
    if (!from || !to) continue;
    const mode = linkMode(model, link);
    const arrow = mode === 'sync' ? '-->' : '-.->';
    const label = [
      mode === 'sync' ? link.protocol : mode,
      link.message,
      link.group && mode === 'consume' ? `group ${link.group}` : undefined,
      link.calls !== undefined && link.calls !== 1 ? `x${link.calls}` : undefined,
    ].filter(Boolean);
    lines.push(
      label.length
        ? `  ${from} ${arrow}|${mermaidLabel(clip(label.join(' '), 48))}| ${to}`
        : `  ${from} ${arrow} ${to}`,
    );
  }
  const classes: Record<string, string> = {
    client: 'fill:#eef2ff,stroke:#6366f1',
    data: 'fill:#ecfdf5,stroke:#059669',
    messaging: 'fill:#fff7ed,stroke:#ea580c',
    external: 'fill:#f5f5f5,stroke:#737373,stroke-dasharray:4 3',
    edge: 'fill:#f0f9ff,stroke:#0284c7',
  };
  const classOf = (n: ModelNode): string | undefined =>
    n.kind === 'client'
      ? 'client'
      : ['database', 'cache', 'storage'].includes(n.kind)
        ? 'data'
        : ['queue', 'topic'].includes(n.kind)
          ? 'messaging'
          : n.kind === 'external'
            ? 'external'
            : ['gateway', 'loadbalancer', 'cdn'].includes(n.kind)
              ? 'edge'
              : undefined;
  for (const [cls, style] of Object.entries(classes)) {
    const members = Object.entries(model.nodes)
      .filter(([, n]) => classOf(n) === cls)
      .map(([id]) => ids.get(id)!);
    if (!members.length) continue;
    lines.push(`  classDef ${cls} ${style}`);
    lines.push(`  class ${members.join(',')} ${cls}`);
  }
  for (const id of wrappers) lines.push(`  style ${id} fill:none,stroke:none`);
  return lines.join('\n') + '\n';
}

/** ER diagram of one database's tables; undefined when it has none. */
export function mermaidEr(db: NodeOfKind<'database'>): string | undefined {
  const tables = db.tables ?? {};
  if (!Object.keys(tables).length) return undefined;
  const ids = mermaidIds(Object.keys(tables), 't_');
  const lines = ['erDiagram'];
  for (const [tname, table] of Object.entries(tables)) {
    lines.push(`  ${ids.get(tname)}[${mermaidLabel(tname)}] {`);
    for (const [cname, col] of Object.entries(table.columns)) {
      const keys = [
        col.primaryKey ? 'PK' : '',
        col.references ? 'FK' : '',
        col.unique && !col.primaryKey ? 'UK' : '',
      ].filter(Boolean);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(cname)) continue;
      lines.push(`    ${col.type} ${cname}${keys.length ? ' ' + keys.join(', ') : ''}`);
    }
    lines.push('  }');
  }
  for (const [tname, table] of Object.entries(tables)) {
    for (const [cname, col] of Object.entries(table.columns)) {
      if (!col.references) continue;
      const [refTable] = col.references.split('.') as [string];
      if (!tables[refTable]) continue;
      const optional = col.nullable !== false && !col.primaryKey;
      lines.push(`  ${ids.get(refTable)} ${optional ? '|o' : '||'}--o{ ${ids.get(tname)} : ${mermaidLabel(cname)}`);
    }
  }
  return lines.join('\n') + '\n';
}
