/**
 * The canonical key order at every level: the order of model-format.md
 * sections 1-3 for the model, nodes and links, the schema's declaration order
 * for every other object, and the author's order for free-form maps (nodes,
 * contexts, schemas, JSON Schema bodies). Keys the order does not know keep
 * their relative order after the known ones.
 */
import { LinkSchema, ModelSchema, NodeSchema } from '../model/schema';
import { objectKeys, resolveUnion, type AnySchema } from '../parse/schema-walk';

export const ROOT_ORDER = [
  'keel', 'name', 'description', 'slo', 'analysis', 'contexts', 'schemas', 'nodes', 'links',
  'decisions', 'notes', 'views', 'suppress', 'layout',
] as const;

export const NODE_ORDER = [
  'kind', 'name', 'description', 'context', 'tech', 'tags', 'replicas', 'capacity', 'latencyMs', 'availability',
  // kind fields
  'rps', 'trust', 'engine', 'owner', 'readReplicas', 'broker', 'partitions', 'retentionHours', 'deadLetter',
  'ttlSeconds', 'invalidation',
  'config', 'observability', 'security',
  'api', 'tables', 'messages',
] as const;

export const LINK_ORDER = [
  'from', 'to', 'id', 'protocol', 'endpoint', 'message', 'group', 'access', 'calls', 'timeoutMs', 'retries',
  'circuitBreaker', 'mtls', 'optional', 'parallel', 'async', 'description',
] as const;

const ranks = new Map<unknown, Map<string, number>>();
function rankOf(key: unknown, order: readonly string[]): Map<string, number> {
  let r = ranks.get(key);
  if (!r) {
    r = new Map(order.map((k, i) => [k, i]));
    ranks.set(key, r);
  }
  return r;
}

/** Rank of each key for an object described by `schema` (undefined: keep the author's order). */
export function keyRanks(schema: AnySchema | undefined, value: unknown): Map<string, number> | undefined {
  if (!schema) return undefined;
  if (schema === ModelSchema) return rankOf(ModelSchema, ROOT_ORDER);
  if (schema === NodeSchema) return rankOf(NodeSchema, NODE_ORDER);
  if (schema === LinkSchema || (schema as { unwrap?: () => unknown }).unwrap?.() === LinkSchema) return rankOf(LinkSchema, LINK_ORDER);
  const resolved = resolveUnion(schema, value);
  const keys = objectKeys(resolved, value);
  return keys ? rankOf(resolved, keys) : undefined;
}

export function orderedKeys(obj: Record<string, unknown>, rank: Map<string, number> | undefined): string[] {
  const keys = Object.keys(obj);
  if (!rank) return keys;
  let last = -1;
  let sorted = true;
  for (const k of keys) {
    const r = rank.get(k);
    if (r === undefined || r < last) {
      sorted = false;
      break;
    }
    last = r;
  }
  if (sorted) return keys;
  const known = keys.filter((k) => rank.has(k)).sort((a, b) => rank.get(a)! - rank.get(b)!);
  return known.length === keys.length ? known : [...known, ...keys.filter((k) => !rank.has(k))];
}
