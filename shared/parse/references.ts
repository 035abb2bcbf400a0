/**
 * Cross-reference checks the schema cannot express: every id a model mentions
 * must name something that exists, and what must be unique is. Runs on the raw
 * value (possibly schema-invalid), so every access is defensive.
 */
import { MESSAGING_KINDS } from '../model/schema';
import type { Issue, IssuePath } from './issues';
import { didYouMean, quote } from './suggest';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const entries = (v: unknown): [string, unknown][] => (isObj(v) ? Object.entries(v) : []);
const items = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const isMessagingKind = (k: unknown) => (MESSAGING_KINDS as readonly unknown[]).includes(k);

/** Deepest a JSON Schema is walked for `$ref`s (parse limits nesting far below this anyway). */
const MAX_SCHEMA_DEPTH = 256;

export function checkReferences(root: unknown): Issue[] {
  const issues: Issue[] = [];
  const report = (path: IssuePath, message: string, key?: boolean) => issues.push(key ? { path, message, key } : { path, message });
  if (!isObj(root)) return issues;

  const nodes = isObj(root.nodes) ? root.nodes : {};
  const nodeIds = new Set(Object.keys(nodes));
  const contextIds = new Set(Object.keys(isObj(root.contexts) ? root.contexts : {}));
  const schemaNames = new Set(Object.keys(isObj(root.schemas) ? root.schemas : {}));

  const checkNode = (path: IssuePath, id: unknown, what = 'node') => {
    if (typeof id !== 'string' || nodeIds.has(id)) return;
    report(path, `unknown ${what} ${quote(id)}${didYouMean(id, nodeIds)}`);
  };
  const checkSchema = (path: IssuePath, name: unknown) => {
    if (typeof name !== 'string' || schemaNames.has(name)) return;
    report(path, `unknown schema ${quote(name)}${schemaNames.size ? didYouMean(name, schemaNames) : ' (the model defines no schemas)'}`);
  };
  const checkRefs = (path: IssuePath, schema: unknown, depth = 0) => {
    if (depth > MAX_SCHEMA_DEPTH) return;
    if (Array.isArray(schema)) {
      schema.forEach((v, i) => checkRefs([...path, i], v, depth + 1));
      return;
    }
    if (!isObj(schema)) return;
    for (const [k, v] of Object.entries(schema)) {
      if (k === '$ref' && typeof v === 'string') {
        if (v.startsWith('#/schemas/')) checkSchema([...path, k], v.slice('#/schemas/'.length).split('/')[0]);
        else if (!v.startsWith('#')) report([...path, k], `unsupported $ref ${quote(v)}: refer to a named schema with "#/schemas/<Name>"`);
      } else if (typeof v === 'object' && v !== null) {
        checkRefs([...path, k], v, depth + 1);
      }
    }
  };
  const unique = (list: unknown, field: string, basePath: IssuePath, what: string) => {
    const seen = new Set<string>();
    items(list).forEach((item, i) => {
      const v = isObj(item) ? str(item[field]) : undefined;
      if (v === undefined) return;
      if (seen.has(v)) report([...basePath, i, field], `duplicate ${what} ${quote(v)}`);
      seen.add(v);
    });
  };

  for (const [name, schema] of entries(root.schemas)) checkRefs(['schemas', name], schema);

  for (const [id, node] of entries(nodes)) {
    if (!isObj(node)) continue;
    const at = ['nodes', id];
    const context = str(node.context);
    if (context !== undefined && !contextIds.has(context)) {
      report([...at, 'context'], `unknown context ${quote(context)}${contextIds.size ? didYouMean(context, contextIds) : ' (the model defines no contexts)'}`);
    }
    if (node.owner !== undefined) {
      if (node.owner === id) report([...at, 'owner'], 'a database cannot own itself');
      else checkNode([...at, 'owner'], node.owner, 'owner node');
    }
    const dlq = str(node.deadLetter);
    if (dlq !== undefined) {
      const target = nodes[dlq];
      if (dlq === id) report([...at, 'deadLetter'], 'a queue or topic cannot be its own dead-letter target');
      else if (!nodeIds.has(dlq)) checkNode([...at, 'deadLetter'], dlq, 'dead-letter node');
      else if (isObj(target) && !isMessagingKind(target.kind)) {
        report([...at, 'deadLetter'], `dead-letter target ${quote(dlq)} must be a queue or topic (it is a ${String(target.kind)})`);
      }
    }
    for (const [name, message] of entries(node.messages)) {
      if (isObj(message)) checkSchema([...at, 'messages', name, 'schema'], message.schema);
    }
    checkApi(node.api, [...at, 'api']);
    for (const [table, spec] of entries(node.tables)) checkTable(node.tables as Obj, table, spec, [...at, 'tables', table]);
  }

  function checkApi(api: unknown, at: IssuePath) {
    if (!isObj(api)) return;
    unique(api.endpoints, 'id', [...at, 'endpoints'], 'endpoint id');
    unique(api.rpcs, 'name', [...at, 'rpcs'], 'rpc');
    const routes = new Set<string>();
    items(api.endpoints).forEach((ep, i) => {
      if (!isObj(ep)) return;
      const p = [...at, 'endpoints', i];
      if (typeof ep.method === 'string' && typeof ep.path === 'string') {
        const route = `${ep.method} ${ep.path.replace(/\{[^}]*\}/g, '{}')}`;
        if (routes.has(route)) report([...p, 'path'], `duplicate route ${ep.method} ${ep.path}`);
        routes.add(route);
      }
      checkSchema([...p, 'request'], ep.request);
      for (const [status, resp] of entries(ep.responses)) {
        if (typeof resp === 'string') checkSchema([...p, 'responses', status], resp);
        else if (isObj(resp)) checkSchema([...p, 'responses', status, 'schema'], resp.schema);
      }
      for (const [param, schema] of entries(ep.query)) checkRefs([...p, 'query', param], schema);
    });
    items(api.rpcs).forEach((rpc, i) => {
      if (!isObj(rpc)) return;
      checkSchema([...at, 'rpcs', i, 'request'], rpc.request);
      checkSchema([...at, 'rpcs', i, 'response'], rpc.response);
    });
  }

  function checkTable(tables: Obj, name: string, spec: unknown, at: IssuePath) {
    if (!isObj(spec)) return;
    const columns = isObj(spec.columns) ? spec.columns : {};
    const columnNames = Object.keys(columns);
    const checkColumn = (path: IssuePath, col: unknown) => {
      if (typeof col === 'string' && !Object.hasOwn(columns, col)) {
        report(path, `unknown column ${quote(col)} in table '${name}'${didYouMean(col, columnNames)}`);
      }
    };
    for (const [col, def] of entries(columns)) {
      const ref = isObj(def) ? str(def.references) : undefined;
      if (ref === undefined || !/^[^.]+\.[^.]+$/.test(ref)) continue;
      const [t, c] = ref.split('.') as [string, string];
      const path = [...at, 'columns', col, 'references'];
      const target = Object.hasOwn(tables, t) ? tables[t] : undefined;
      if (!isObj(target)) report(path, `unknown table ${quote(t)} in this database${didYouMean(t, Object.keys(tables))}`);
      else if (!isObj(target.columns) || !Object.hasOwn(target.columns, c)) {
        report(path, `unknown column ${quote(c)} in table '${t}'${didYouMean(c, Object.keys(isObj(target.columns) ? target.columns : {}))}`);
      }
    }
    items(spec.indexes).forEach((index, i) => {
      if (isObj(index)) items(index.columns).forEach((col, j) => checkColumn([...at, 'indexes', i, 'columns', j], col));
    });
    checkColumn([...at, 'shardKey'], spec.shardKey);
  }

  // Links: endpoints and nodes they name, messages they publish, unique ids.
  const linkIds = new Set<string>();
  const defaultCount = new Map<string, number>();
  items(root.links).forEach((link, i) => {
    if (!isObj(link)) return;
    const at = ['links', i];
    checkNode([...at, 'from'], link.from);
    checkNode([...at, 'to'], link.to);
    const from = nodes[str(link.from) ?? ''];
    const to = nodes[str(link.to) ?? ''];
    const endpoint = str(link.endpoint);
    if (endpoint !== undefined && isObj(to)) {
      const api = isObj(to.api) ? to.api : {};
      const names = [
        ...items(api.endpoints).map((e) => (isObj(e) ? str(e.id) : undefined)),
        ...items(api.rpcs).map((r) => (isObj(r) ? str(r.name) : undefined)),
      ].filter((n): n is string => n !== undefined);
      if (!names.includes(endpoint)) {
        report(
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
        if (isObj(to) && isObj(from)) report([...at, 'message'], "'message' belongs on a link to (publish) or from (consume) a queue or topic");
      } else {
        const names = Object.keys(isObj(broker.messages) ? broker.messages : {});
        if (!names.includes(message)) {
          report(
            [...at, 'message'],
            names.length
              ? `unknown message ${quote(message)} of '${String(brokerId)}'${didYouMean(message, names)}`
              : `'${String(brokerId)}' declares no messages, so the link cannot carry ${quote(message)}`,
          );
        }
      }
    }
    // Ids as resolveLinks assigns them: explicit, else from->to, from->to#2, ...
    let id = str(link.id);
    if (id === undefined && typeof link.from === 'string' && typeof link.to === 'string') {
      const base = `${link.from}->${link.to}`;
      const n = (defaultCount.get(base) ?? 0) + 1;
      defaultCount.set(base, n);
      id = n === 1 ? base : `${base}#${n}`;
    }
    if (id === undefined) return;
    if (linkIds.has(id)) report(link.id === undefined ? at : [...at, 'id'], `duplicate link id ${quote(id)}`);
    linkIds.add(id);
  });

  unique(root.decisions, 'id', ['decisions'], 'decision id');
  unique(root.notes, 'id', ['notes'], 'note id');
  unique(root.views, 'id', ['views'], 'view id');
  items(root.notes).forEach((note, i) => {
    if (isObj(note)) checkNode(['notes', i, 'node'], note.node);
  });
  items(root.suppress).forEach((s, i) => {
    if (!isObj(s)) return;
    checkNode(['suppress', i, 'node'], s.node);
    const link = str(s.link);
    if (link !== undefined && !linkIds.has(link)) report(['suppress', i, 'link'], `unknown link ${quote(link)}${didYouMean(link, linkIds)}`);
  });
  // Layout keys are node ids; context ids are allowed too (the canvas places context frames).
  for (const [id] of entries(root.layout)) {
    if (!nodeIds.has(id) && !contextIds.has(id)) report(['layout', id], `unknown node ${quote(id)} in layout${didYouMean(id, nodeIds)}`, true);
  }
  return issues;
}
