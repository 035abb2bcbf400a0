/**
 * Cross-reference checks the schema cannot express: every id a model mentions
 * must name something that exists, and what must be unique is. Runs on the raw
 * value (possibly schema-invalid), so every access is defensive.
 */
import { MESSAGING_KINDS } from '../model/schema';
import type { Issue, IssuePath } from './issues';
import { didYouMean, quote } from './suggest';

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const entries = (v: unknown): [string, unknown][] => (isObj(v) ? Object.entries(v) : []);
export const items = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const isMessagingKind = (k: unknown) => (MESSAGING_KINDS as readonly unknown[]).includes(k);

/** Deepest a JSON Schema is walked for `$ref`s (parse limits nesting far below this anyway). */
const MAX_SCHEMA_DEPTH = 256;

/** What every reference check reads besides the entry it checks: the ids that exist. */
export interface RefScope {
  nodes: Obj;
  nodeIds: Set<string>;
  contextIds: Set<string>;
  schemaNames: Set<string>;
}

export function refScope(root: unknown): RefScope {
  const r = isObj(root) ? root : {};
  const nodes = isObj(r.nodes) ? r.nodes : {};
  return {
    nodes,
    nodeIds: new Set(Object.keys(nodes)),
    contextIds: new Set(Object.keys(isObj(r.contexts) ? r.contexts : {})),
    schemaNames: new Set(Object.keys(isObj(r.schemas) ? r.schemas : {})),
  };
}

const report = (issues: Issue[], path: IssuePath, message: string, key?: boolean) => issues.push(key ? { path, message, key } : { path, message });

function checkNode(out: Issue[], scope: RefScope, path: IssuePath, id: unknown, what = 'node') {
  if (typeof id !== 'string' || scope.nodeIds.has(id)) return;
  report(out, path, `unknown ${what} ${quote(id)}${didYouMean(id, scope.nodeIds)}`);
}
function checkSchema(out: Issue[], scope: RefScope, path: IssuePath, name: unknown) {
  const { schemaNames } = scope;
  if (typeof name !== 'string' || schemaNames.has(name)) return;
  report(out, path, `unknown schema ${quote(name)}${schemaNames.size ? didYouMean(name, schemaNames) : ' (the model defines no schemas)'}`);
}
function checkRefs(out: Issue[], scope: RefScope, path: IssuePath, schema: unknown, depth = 0) {
  if (depth > MAX_SCHEMA_DEPTH) return;
  if (Array.isArray(schema)) {
    schema.forEach((v, i) => checkRefs(out, scope, [...path, i], v, depth + 1));
    return;
  }
  if (!isObj(schema)) return;
  for (const [k, v] of Object.entries(schema)) {
    if (k === '$ref' && typeof v === 'string') {
      if (v.startsWith('#/schemas/')) checkSchema(out, scope, [...path, k], v.slice('#/schemas/'.length).split('/')[0]);
      else if (!v.startsWith('#')) report(out, [...path, k], `unsupported $ref ${quote(v)}: refer to a named schema with "#/schemas/<Name>"`);
    } else if (typeof v === 'object' && v !== null) {
      checkRefs(out, scope, [...path, k], v, depth + 1);
    }
  }
}
function unique(out: Issue[], list: unknown, field: string, basePath: IssuePath, what: string) {
  const seen = new Set<string>();
  items(list).forEach((item, i) => {
    const v = isObj(item) ? str(item[field]) : undefined;
    if (v === undefined) return;
    if (seen.has(v)) report(out, [...basePath, i, field], `duplicate ${what} ${quote(v)}`);
    seen.add(v);
  });
}

/** The `$ref`s of one named schema. */
export function schemaEntryReferences(scope: RefScope, name: string, schema: unknown): Issue[] {
  const out: Issue[] = [];
  checkRefs(out, scope, ['schemas', name], schema);
  return out;
}

/** One node's references: its context, owner, dead-letter target (whose kind it reads), schemas, api and tables. */
export function nodeEntryReferences(scope: RefScope, id: string, node: unknown): Issue[] {
  const out: Issue[] = [];
  if (!isObj(node)) return out;
  const at = ['nodes', id];
  const { contextIds, nodeIds, nodes } = scope;
  const context = str(node.context);
  if (context !== undefined && !contextIds.has(context)) {
    report(out, [...at, 'context'], `unknown context ${quote(context)}${contextIds.size ? didYouMean(context, contextIds) : ' (the model defines no contexts)'}`);
  }
  if (node.owner !== undefined) {
    if (node.owner === id) report(out, [...at, 'owner'], 'a database cannot own itself');
    else checkNode(out, scope, [...at, 'owner'], node.owner, 'owner node');
  }
  const dlq = str(node.deadLetter);
  if (dlq !== undefined) {
    const target = nodes[dlq];
    if (dlq === id) report(out, [...at, 'deadLetter'], 'a queue or topic cannot be its own dead-letter target');
    else if (!nodeIds.has(dlq)) checkNode(out, scope, [...at, 'deadLetter'], dlq, 'dead-letter node');
    else if (isObj(target) && !isMessagingKind(target.kind)) {
      report(out, [...at, 'deadLetter'], `dead-letter target ${quote(dlq)} must be a queue or topic (it is a ${String(target.kind)})`);
    }
  }
  for (const [name, message] of entries(node.messages)) {
    if (isObj(message)) checkSchema(out, scope, [...at, 'messages', name, 'schema'], message.schema);
  }
  checkApi(out, scope, node.api, [...at, 'api']);
  for (const [table, spec] of entries(node.tables)) checkTable(out, node.tables as Obj, table, spec, [...at, 'tables', table]);
  return out;
}

function checkApi(out: Issue[], scope: RefScope, api: unknown, at: IssuePath) {
  if (!isObj(api)) return;
  unique(out, api.endpoints, 'id', [...at, 'endpoints'], 'endpoint id');
  unique(out, api.rpcs, 'name', [...at, 'rpcs'], 'rpc');
  const routes = new Set<string>();
  items(api.endpoints).forEach((ep, i) => {
    if (!isObj(ep)) return;
    const p = [...at, 'endpoints', i];
    if (typeof ep.method === 'string' && typeof ep.path === 'string') {
      const route = `${ep.method} ${ep.path.replace(/\{[^}]*\}/g, '{}')}`;
      if (routes.has(route)) report(out, [...p, 'path'], `duplicate route ${ep.method} ${ep.path}`);
      routes.add(route);
    }
    checkSchema(out, scope, [...p, 'request'], ep.request);
    for (const [status, resp] of entries(ep.responses)) {
      if (typeof resp === 'string') checkSchema(out, scope, [...p, 'responses', status], resp);
      else if (isObj(resp)) checkSchema(out, scope, [...p, 'responses', status, 'schema'], resp.schema);
    }
    for (const [param, schema] of entries(ep.query)) checkRefs(out, scope, [...p, 'query', param], schema);
  });
  items(api.rpcs).forEach((rpc, i) => {
    if (!isObj(rpc)) return;
    checkSchema(out, scope, [...at, 'rpcs', i, 'request'], rpc.request);
    checkSchema(out, scope, [...at, 'rpcs', i, 'response'], rpc.response);
  });
}

function checkTable(out: Issue[], tables: Obj, name: string, spec: unknown, at: IssuePath) {
  if (!isObj(spec)) return;
  const columns = isObj(spec.columns) ? spec.columns : {};
  const columnNames = Object.keys(columns);
  const checkColumn = (path: IssuePath, col: unknown) => {
    if (typeof col === 'string' && !Object.hasOwn(columns, col)) {
      report(out, path, `unknown column ${quote(col)} in table '${name}'${didYouMean(col, columnNames)}`);
    }
  };
  for (const [col, def] of entries(columns)) {
    const ref = isObj(def) ? str(def.references) : undefined;
    if (ref === undefined || !/^[^.]+\.[^.]+$/.test(ref)) continue;
    const [t, c] = ref.split('.') as [string, string];
    const path = [...at, 'columns', col, 'references'];
    const target = Object.hasOwn(tables, t) ? tables[t] : undefined;
    if (!isObj(target)) report(out, path, `unknown table ${quote(t)} in this database${didYouMean(t, Object.keys(tables))}`);
    else if (!isObj(target.columns) || !Object.hasOwn(target.columns, c)) {
      report(out, path, `unknown column ${quote(c)} in table '${t}'${didYouMean(c, Object.keys(isObj(target.columns) ? target.columns : {}))}`);
    }
  }
  items(spec.indexes).forEach((index, i) => {
    if (isObj(index)) items(index.columns).forEach((col, j) => checkColumn([...at, 'indexes', i, 'columns', j], col));
  });
  checkColumn([...at, 'shardKey'], spec.shardKey);
}

/** The nodes a link's checks read besides the link: its ends (their kind, api and messages). */
export function linkEnds(scope: RefScope, link: unknown): [unknown, unknown] {
  if (!isObj(link)) return [undefined, undefined];
  return [scope.nodes[str(link.from) ?? ''], scope.nodes[str(link.to) ?? '']];
}

/** One link's references: the nodes, endpoint and message it names (not its id: see linkIdChecker). */
export function linkEntryReferences(scope: RefScope, i: number, link: unknown): Issue[] {
  const out: Issue[] = [];
  if (!isObj(link)) return out;
  const at = ['links', i];
  checkNode(out, scope, [...at, 'from'], link.from);
  checkNode(out, scope, [...at, 'to'], link.to);
  const [from, to] = linkEnds(scope, link);
  const endpoint = str(link.endpoint);
  if (endpoint !== undefined && isObj(to)) {
    const api = isObj(to.api) ? to.api : {};
    const names = [
      ...items(api.endpoints).map((e) => (isObj(e) ? str(e.id) : undefined)),
      ...items(api.rpcs).map((r) => (isObj(r) ? str(r.name) : undefined)),
    ].filter((n): n is string => n !== undefined);
    if (!names.includes(endpoint)) {
      report(
        out,
        [...at, 'endpoint'],
        names.length
          ? `unknown endpoint ${quote(endpoint)} of '${String(link.to)}'${didYouMean(endpoint, names)}`
          : `'${String(link.to)}' has no endpoints or rpcs, so the link cannot name endpoint ${quote(endpoint)}`,
      );
    }
  }
  const message = str(link.message);
  if (message !== undefined) {
    const broker = isObj(to) && isMessagingKind(to.kind) ? to : isObj(from) && isMessagingKind(from.kind) ? from : undefined;
    const brokerId = broker === to ? link.to : link.from;
    if (!broker) {
      if (isObj(to) && isObj(from)) report(out, [...at, 'message'], "'message' belongs on a link to (publish) or from (consume) a queue or topic");
    } else {
      const names = Object.keys(isObj(broker.messages) ? broker.messages : {});
      if (!names.includes(message)) {
        report(
          out,
          [...at, 'message'],
          names.length
            ? `unknown message ${quote(message)} of '${String(brokerId)}'${didYouMean(message, names)}`
            : `'${String(brokerId)}' declares no messages, so the link cannot carry ${quote(message)}`,
        );
      }
    }
  }
  return out;
}

/** Link ids as resolveLinks assigns them (explicit, else from->to, from->to#2, ...), fed in list order; reports duplicates. */
export function linkIdChecker() {
  const ids = new Set<string>();
  const defaultCount = new Map<string, number>();
  return {
    ids: ids as ReadonlySet<string>,
    add(out: Issue[], i: number, link: unknown) {
      if (!isObj(link)) return;
      let id = str(link.id);
      if (id === undefined && typeof link.from === 'string' && typeof link.to === 'string') {
        const base = `${link.from}->${link.to}`;
        const n = (defaultCount.get(base) ?? 0) + 1;
        defaultCount.set(base, n);
        id = n === 1 ? base : `${base}#${n}`;
      }
      if (id === undefined) return;
      if (ids.has(id)) report(out, link.id === undefined ? ['links', i] : ['links', i, 'id'], `duplicate link id ${quote(id)}`);
      ids.add(id);
    },
  };
}

/** What follows the links: unique decision, note and view ids, the nodes and links notes and suppressions name, layout keys. */
export function trailingReferences(scope: RefScope, root: Obj, linkIds: ReadonlySet<string>): Issue[] {
  const out: Issue[] = [];
  unique(out, root.decisions, 'id', ['decisions'], 'decision id');
  unique(out, root.notes, 'id', ['notes'], 'note id');
  unique(out, root.views, 'id', ['views'], 'view id');
  items(root.notes).forEach((note, i) => {
    if (isObj(note)) checkNode(out, scope, ['notes', i, 'node'], note.node);
  });
  items(root.suppress).forEach((s, i) => {
    if (!isObj(s)) return;
    checkNode(out, scope, ['suppress', i, 'node'], s.node);
    const link = str(s.link);
    if (link !== undefined && !linkIds.has(link)) report(out, ['suppress', i, 'link'], `unknown link ${quote(link)}${didYouMean(link, linkIds)}`);
  });
  // Layout keys are node ids; context ids are allowed too (the canvas places context frames).
  for (const [id] of entries(root.layout)) {
    if (!scope.nodeIds.has(id) && !scope.contextIds.has(id)) {
      report(out, ['layout', id], `unknown node ${quote(id)} in layout${didYouMean(id, scope.nodeIds)}`, true);
    }
  }
  return out;
}

export function checkReferences(root: unknown): Issue[] {
  const issues: Issue[] = [];
  if (!isObj(root)) return issues;
  const scope = refScope(root);
  for (const [name, schema] of entries(root.schemas)) issues.push(...schemaEntryReferences(scope, name, schema));
  for (const [id, node] of entries(scope.nodes)) issues.push(...nodeEntryReferences(scope, id, node));
  const linkIds = linkIdChecker();
  items(root.links).forEach((link, i) => {
    issues.push(...linkEntryReferences(scope, i, link));
    linkIds.add(issues, i, link);
  });
  issues.push(...trailingReferences(scope, root, linkIds.ids));
  return issues;
}
