/**
 * Incremental validateModel for the studio, which validates after every edit
 * burst. Immer's structural sharing keeps unchanged entries identical, so the
 * zod schema runs again only on the top-level entries (a node by id, a link,
 * a context, ...) whose object identity changed; the rest reuse their issues.
 * The cross-reference checks are cached the same way, per named schema, node
 * and link, each also keyed on what it reads beyond itself: the id sets (node,
 * context and schema ids, in order, since "did you mean" reads them in order),
 * a node's dead-letter target, a link's two end nodes. Duplicate link ids
 * depend on the list's order, so they are kept per list (by identity); notes,
 * suppressions and layout keys are checked in full each time (string work).
 * The caller must update immutably (the studio does, with immer): an entry
 * changed in place keeps its stale issues.
 *
 * The result equals validateModel's, issue for issue and in the same order:
 * the schema's top-level keys in declared order, each record's entries in key
 * order and each list in index order, then the unknown top-level keys (as
 * zod's strictObject reports them), then the reference issues not at a path
 * the schema already reported.
 */
import { z } from 'zod';
import { ModelSchema } from '../model/schema';
import { fromZodIssue, type Issue, type IssuePath } from './issues';
import {
  entries,
  items,
  linkEnds,
  linkEntryReferences,
  linkIdChecker,
  nodeEntryReferences,
  refScope,
  schemaEntryReferences,
  trailingReferences,
  type RefScope,
} from './references';
import { mergeIssues, validateModel } from './validate';

type AnySchema = z.ZodType;
type ZodIssue = z.core.$ZodIssue;

export interface IncrementalValidator {
  /** Issues of `value`, exactly validateModel(value); reuses what the previous calls validated. */
  validate(value: unknown): Issue[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

const shape = ModelSchema.shape as unknown as Record<string, AnySchema>;
const topKeys = Object.keys(shape);
const topKeySet = new Set(topKeys);

/** The record or array schema under a top-level key's optional/meta wrappers, or undefined for plain fields. */
function containerOf(
  schema: AnySchema,
): { kind: 'record'; record: AnySchema } | { kind: 'array'; element: AnySchema } | undefined {
  let s: AnySchema = schema;
  while (s instanceof z.ZodOptional) s = s.unwrap() as AnySchema;
  if (s instanceof z.ZodRecord) return { kind: 'record', record: s };
  if (s instanceof z.ZodArray) return { kind: 'array', element: s.element as AnySchema };
  return undefined;
}
const containers = new Map(topKeys.map((k) => [k, containerOf(shape[k]!)]));

/** Runs `schema` on `value` and turns its issues into Issues at `prefix` (messages read `root` along those paths). */
function schemaIssues(schema: AnySchema, value: unknown, prefix: IssuePath, root: unknown): Issue[] {
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) return [];
  return r.error.issues.flatMap((issue) =>
    fromZodIssue({ ...issue, path: [...prefix, ...issue.path] } as ZodIssue, root),
  );
}

interface Cached {
  value: unknown;
  issues: Issue[];
}

export function createValidator(): IncrementalValidator {
  // Record entries by top-level key, then entry key; path-absolute issues (the entry's path is fixed by its key).
  const records = new Map<string, Map<string, Cached>>();
  // List items by identity; issues relative to the item (its index changes as the list does).
  const listItems = new WeakMap<object, Issue[]>();
  // Plain top-level fields (name, slo, ...): by identity.
  const fields = new Map<string, Cached>();
  let last: { value: unknown; issues: Issue[] } | undefined;
  const refs = referenceCache();

  function recordIssues(top: string, schema: AnySchema, record: Record<string, unknown>, root: unknown): Issue[] {
    const previous = records.get(top) ?? new Map<string, Cached>();
    const next = new Map<string, Cached>();
    const out: Issue[] = [];
    for (const id of Object.keys(record)) {
      if (id === '__proto__') continue; // zod skips it too
      const value = record[id];
      let hit = previous.get(id);
      if (!hit || hit.value !== value) {
        // The record schema itself on a one-entry record: the key check, then the value unless the key is invalid, as zod does.
        hit = { value, issues: schemaIssues(schema, { [id]: value }, [top], root) };
      }
      next.set(id, hit);
      out.push(...hit.issues);
    }
    records.set(top, next);
    return out;
  }

  // Whole lists by identity: an edit elsewhere leaves the list itself as it was.
  const lists = new Map<string, { list: unknown[]; issues: Issue[] }>();

  function listIssues(top: string, element: AnySchema, list: unknown[], root: unknown): Issue[] {
    const whole = lists.get(top);
    if (whole?.list === list) return whole.issues;
    const out: Issue[] = [];
    list.forEach((item, i) => {
      const cacheable = typeof item === 'object' && item !== null;
      let rel = cacheable ? listItems.get(item) : undefined;
      if (!rel) {
        rel = schemaIssues(element, item, [top, i], root).map((issue) => ({ ...issue, path: issue.path.slice(2) }));
        if (cacheable) listItems.set(item, rel);
      }
      for (const issue of rel) out.push({ ...issue, path: [top, i, ...issue.path] });
    });
    lists.set(top, { list, issues: out });
    return out;
  }

  function fieldIssues(top: string, value: unknown, root: unknown): Issue[] {
    const hit = fields.get(top);
    if (hit && hit.value === value) return hit.issues;
    const issues = schemaIssues(shape[top]!, value, [top], root);
    fields.set(top, { value, issues });
    return issues;
  }

  function schemaPass(root: Record<string, unknown>): Issue[] {
    const out: Issue[] = [];
    for (const top of topKeys) {
      const value = root[top];
      const c = containers.get(top);
      if (c?.kind === 'record' && isPlainObject(value)) out.push(...recordIssues(top, c.record, value, root));
      else if (c?.kind === 'array' && Array.isArray(value)) out.push(...listIssues(top, c.element, value, root));
      else out.push(...fieldIssues(top, value, root));
    }
    const unknown: string[] = [];
    for (const key in root) if (!topKeySet.has(key)) unknown.push(key);
    if (unknown.length) {
      out.push(
        ...fromZodIssue(
          { code: 'unrecognized_keys', keys: unknown, path: [], input: root, message: '' } as ZodIssue,
          root,
        ),
      );
    }
    return out;
  }

  return {
    validate(value) {
      if (last && last.value === value) return last.issues;
      // Anything but a plain mapping fails at the top at once: nothing to reuse.
      const issues = isPlainObject(value) ? mergeIssues(schemaPass(value), refs.check(value)) : validateModel(value);
      last = { value, issues };
      return issues;
    },
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** checkReferences, reusing each entry's issues while it and what it reads are unchanged. */
function referenceCache() {
  let scope: RefScope | undefined;
  let scopeKeys: [string[], string[], string[]] = [[], [], []];
  let scopeVersion = 0;
  let schemas = new Map<string, { value: unknown; version: number; issues: Issue[] }>();
  let nodes = new Map<string, { value: unknown; version: number; target: unknown; issues: Issue[] }>();
  // Relative to the link's path (its index changes as the list does).
  const links = new WeakMap<object, { version: number; from: unknown; to: unknown; issues: Issue[] }>();
  let linkIdPass: ({ list: unknown[] } & ReturnType<typeof duplicateLinkIds>) | undefined;

  function updateScope(root: Record<string, unknown>): RefScope {
    const next = refScope(root);
    const keys: [string[], string[], string[]] = [[...next.nodeIds], [...next.contextIds], [...next.schemaNames]];
    if (!scope || !keys.every((k, i) => sameList(k, scopeKeys[i]!))) scopeVersion++;
    scope = next;
    scopeKeys = keys;
    return next;
  }

  return {
    check(root: Record<string, unknown>): Issue[] {
      const s = updateScope(root);
      const version = scopeVersion;
      const out: Issue[] = [];
      const nextSchemas: typeof schemas = new Map();
      for (const [name, value] of entries(root.schemas)) {
        let hit = schemas.get(name);
        if (!hit || hit.value !== value || hit.version !== version)
          hit = { value, version, issues: schemaEntryReferences(s, name, value) };
        nextSchemas.set(name, hit);
        out.push(...hit.issues);
      }
      schemas = nextSchemas;
      const nextNodes: typeof nodes = new Map();
      for (const [id, value] of entries(s.nodes)) {
        const dlq =
          typeof value === 'object' && value !== null ? (value as { deadLetter?: unknown }).deadLetter : undefined;
        const target = typeof dlq === 'string' ? s.nodes[dlq] : undefined;
        let hit = nodes.get(id);
        if (!hit || hit.value !== value || hit.version !== version || hit.target !== target) {
          hit = { value, version, target, issues: nodeEntryReferences(s, id, value) };
        }
        nextNodes.set(id, hit);
        out.push(...hit.issues);
      }
      nodes = nextNodes;
      const list = items(root.links);
      // Link ids read only the list (ids, ends' ids, order): the same list has the same duplicates.
      if (linkIdPass?.list !== list) linkIdPass = { list, ...duplicateLinkIds(list) };
      const duplicates = linkIdPass.byIndex;
      list.forEach((link, i) => {
        if (typeof link === 'object' && link !== null) {
          const [from, to] = linkEnds(s, link);
          let hit = links.get(link);
          if (!hit || hit.version !== version || hit.from !== from || hit.to !== to) {
            const issues = linkEntryReferences(s, i, link).map((issue) => ({ ...issue, path: issue.path.slice(2) }));
            hit = { version, from, to, issues };
            links.set(link, hit);
          }
          for (const issue of hit.issues) out.push({ ...issue, path: ['links', i, ...issue.path] });
        }
        const duplicate = duplicates.get(i);
        if (duplicate) out.push(duplicate);
      });
      out.push(...trailingReferences(s, root, linkIdPass.ids));
      return out;
    },
  };
}

/** The duplicate-link-id issue of each index that has one, and the link ids. */
function duplicateLinkIds(list: unknown[]): { byIndex: Map<number, Issue>; ids: ReadonlySet<string> } {
  const byIndex = new Map<number, Issue>();
  const checker = linkIdChecker();
  const found: Issue[] = [];
  list.forEach((link, i) => {
    checker.add(found, i, link);
    if (found.length) byIndex.set(i, found.pop()!);
  });
  return { byIndex, ids: checker.ids };
}
