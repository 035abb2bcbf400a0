/**
 * `npm run schema`: writes resources/keel.schema.json from the one zod schema
 * (shared/model/schema.ts), so editors can complete and check *.keel.yaml
 * files (see docs/editor-support.md). A test fails when the committed file is
 * stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import * as S from '../shared/model/schema';

export const SCHEMA_ID = 'https://keel.invalid/schema/keel-1.schema.json';
export const SCHEMA_PATH = fileURLToPath(new URL('../resources/keel.schema.json', import.meta.url));

/** Named parts become `$defs` entries with a title, so the file stays readable and editors show the titles. */
const NAMED: [z.core.$ZodType, string, string][] = [
  [S.Id, 'Id', 'Id'],
  [S.Name, 'Name', 'Schema or message name'],
  [S.JsonSchemaObject, 'JsonSchema', 'JSON Schema object'],
  [S.Capacity, 'Capacity', 'Capacity of one replica'],
  [S.Observability, 'Observability', 'Health, metrics and tracing'],
  [S.Security, 'Security', 'Authentication and rate limiting'],
  [S.Api, 'Api', 'API of a gateway, service, worker or function'],
  [S.Endpoint, 'Endpoint', 'REST endpoint'],
  [S.Rpc, 'Rpc', 'gRPC method'],
  [S.Table, 'Table', 'Database table'],
  [S.Column, 'Column', 'Table column'],
  [S.Index, 'Index', 'Table index'],
  [S.Message, 'Message', 'Message on a queue or topic'],
  [S.ClientNode, 'ClientNode', 'Client node (offered load)'],
  [S.GatewayNode, 'GatewayNode', 'API gateway node'],
  [S.LoadBalancerNode, 'LoadBalancerNode', 'Load balancer node'],
  [S.CdnNode, 'CdnNode', 'CDN node'],
  [S.ServiceNode, 'ServiceNode', 'Service node'],
  [S.WorkerNode, 'WorkerNode', 'Worker node'],
  [S.FunctionNode, 'FunctionNode', 'Function (serverless) node'],
  [S.DatabaseNode, 'DatabaseNode', 'Database node'],
  [S.CacheNode, 'CacheNode', 'Cache node'],
  [S.QueueNode, 'QueueNode', 'Queue node'],
  [S.TopicNode, 'TopicNode', 'Topic node'],
  [S.StorageNode, 'StorageNode', 'Object storage node'],
  [S.ExternalNode, 'ExternalNode', 'External system node'],
  [S.NodeSchema, 'Node', 'Node (the kind decides its fields)'],
  [S.LinkSchema, 'Link', 'Link: an interaction between two nodes'],
  [S.ContextSchema, 'Context', 'Bounded context'],
  [S.DecisionSchema, 'Decision', 'Architecture decision record'],
  [S.SuppressionSchema, 'Suppression', 'Accepted finding'],
  [S.NoteSchema, 'Note', 'Sticky note on the canvas'],
  [S.ViewSchema, 'View', 'Saved viewport'],
  [S.Position, 'Position', 'Canvas position'],
];

export function buildJsonSchema(): Record<string, unknown> {
  // A registry of our own (copying the descriptions of the global one) keeps the global registry untouched.
  const registry = z.registry<{ id?: string; title?: string; description?: string }>();
  const seen = new Set<z.core.$ZodType>();
  const copy = (schema: z.core.$ZodType) => {
    if (seen.has(schema)) return;
    seen.add(schema);
    const meta = z.globalRegistry.get(schema);
    if (meta) registry.add(schema, { ...meta } as never);
  };
  walk(S.ModelSchema, copy);
  for (const [schema, id, title] of NAMED) registry.add(schema, { ...(z.globalRegistry.get(schema) ?? {}), id, title } as never);
  const body = z.toJSONSchema(S.ModelSchema, { target: 'draft-2020-12', io: 'input', metadata: registry, unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = body;
  return { $schema, $id: SCHEMA_ID, ...rest };
}

/** Every schema reachable from `schema` (objects, records, arrays, unions, wrappers). */
function walk(schema: z.core.$ZodType, visit: (s: z.core.$ZodType) => void, seen = new Set<unknown>()): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  visit(schema);
  const def = schema._zod.def as unknown as Record<string, unknown>;
  const children: unknown[] = [def.innerType, def.element, def.keyType, def.valueType, def.in, def.out];
  if (def.shape) children.push(...Object.values(def.shape as object));
  if (Array.isArray(def.options)) children.push(...def.options);
  for (const c of children) if (c && typeof c === 'object' && '_zod' in c) walk(c as z.core.$ZodType, visit, seen);
}

export function jsonSchemaText(): string {
  return JSON.stringify(buildJsonSchema(), null, 2) + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_PATH, jsonSchemaText());
  console.log(`wrote ${SCHEMA_PATH}`);
}
