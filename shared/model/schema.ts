/**
 * The one runtime schema of the `*.keel.yaml` format, version 1.
 * TypeScript types (model/types.ts) and resources/keel.schema.json are both
 * derived from it, so the three cannot drift apart.
 *
 * The schema describes what a person writes: defaults are NOT filled in here
 * (round-trip must be lossless); model/defaults.ts applies them for readers.
 */
import { z } from 'zod';
import { ID_PATTERN, LINK_ID_PATTERN, NAME_PATTERN, SQL_NAME_PATTERN } from './ids';

export const NODE_KINDS = [
  'client',
  'gateway',
  'loadbalancer',
  'cdn',
  'service',
  'worker',
  'function',
  'database',
  'cache',
  'queue',
  'topic',
  'storage',
  'external',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** Kinds that may carry an `api`. */
export const API_KINDS = ['gateway', 'service', 'worker', 'function'] as const;
/** Kinds that carry messages (publish target / consume source). */
export const MESSAGING_KINDS = ['queue', 'topic'] as const;

export const AUTH_KINDS = ['none', 'jwt', 'oauth2', 'apikey', 'mtls', 'basic'] as const;
export const API_STYLES = ['rest', 'grpc', 'graphql', 'websocket'] as const;
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export const STREAMING_MODES = ['none', 'client', 'server', 'bidi'] as const;
export const DB_ENGINES = [
  'postgres',
  'mysql',
  'sqlite',
  'mongodb',
  'dynamodb',
  'cassandra',
  'redis',
  'other',
] as const;
/** Engines for which `keel export` writes SQL DDL. */
export const RELATIONAL_ENGINES = ['postgres', 'mysql', 'sqlite'] as const;
export const COLUMN_TYPES = [
  'uuid',
  'string',
  'text',
  'int',
  'bigint',
  'decimal',
  'float',
  'boolean',
  'timestamp',
  'date',
  'json',
  'bytes',
] as const;
export const BROKERS = ['kafka', 'nats', 'sqs', 'rabbitmq', 'pubsub', 'other'] as const;
export const CACHE_INVALIDATION = ['ttl', 'write-through', 'event'] as const;
export const DECISION_STATUSES = ['proposed', 'accepted', 'superseded', 'rejected'] as const;
export const CLIENT_TRUST = ['public', 'internal'] as const;
export const LINK_ACCESS = ['read', 'write', 'readwrite'] as const;

// ---------------------------------------------------------------- primitives

export const Id = z
  .string()
  .regex(ID_PATTERN, {
    error: 'must be an id: lower-case letters, digits, ".", "_" or "-", starting with a letter or digit, at most 63 characters',
  })
  .meta({ description: 'An id: ^[a-z0-9][a-z0-9._-]{0,62}$' });

export const Name = z
  .string()
  .regex(NAME_PATTERN, {
    error: 'must be a name: letters, digits or "_", starting with a letter, at most 63 characters',
  })
  .meta({ description: 'A schema or message name: ^[A-Za-z][A-Za-z0-9_]{0,62}$' });

const SqlName = z.string().regex(SQL_NAME_PATTERN, {
  error: 'must be an SQL name: letters, digits or "_", not starting with a digit, at most 63 characters',
});

const LinkId = z.string().regex(LINK_ID_PATTERN, {
  error: 'must be a link id: an id, or "from->to" optionally followed by "#N"',
});

const Text = z.string();
const NonNegative = z.number().min(0);
const Positive = z.number().positive();
const Percent = z.number().gt(0, { error: 'must be a percentage above 0' }).max(100, {
  error: 'must be a percentage of at most 100',
});

/** A JSON Schema (2020-12) object; `$ref: "#/schemas/Name"` is checked by validate.ts. */
export const JsonSchemaObject = z
  .record(z.string(), z.unknown())
  .meta({ description: 'A JSON Schema (2020-12) object. Refer to other named schemas with $ref: "#/schemas/<Name>".' });

// ---------------------------------------------------------------- node parts

export const Capacity = z.strictObject({
  rps: Positive.meta({ description: 'Requests per second one replica sustains.' }),
});

export const Observability = z.strictObject({
  liveness: Text.optional().meta({ description: 'Liveness probe path, e.g. /health' }),
  readiness: Text.optional().meta({ description: 'Readiness probe path, e.g. /ready' }),
  metrics: Text.optional().meta({ description: 'Prometheus scrape path, e.g. /metrics' }),
  tracing: Text.optional().meta({ description: 'Tracing system, e.g. otel' }),
  logging: Text.optional().meta({ description: 'Structured logging format, e.g. json' }),
});

export const Security = z.strictObject({
  auth: z.enum(AUTH_KINDS).optional(),
  rateLimitRps: Positive.optional(),
  rbac: z.boolean().optional().meta({ description: 'Role/attribute-based access control enforced here.' }),
});

const ConfigValue = z.union([z.string(), z.number(), z.boolean()], {
  error: 'must be a text, a number or true/false',
});

const nodeBase = {
  name: Text.optional(),
  description: Text.optional(),
  context: Id.optional(),
  tech: Text.optional(),
  tags: z.array(Text).optional(),
  replicas: z.int().min(1, { error: 'must be at least 1' }).optional(),
  capacity: Capacity.optional(),
  latencyMs: NonNegative.optional(),
  availability: Percent.optional(),
  config: z.record(z.string(), ConfigValue).optional(),
  observability: Observability.optional(),
  security: Security.optional(),
};

const ResponseSpec = z.union(
  [Name, z.strictObject({ description: Text.optional(), schema: Name.optional() })],
  { error: 'must be a schema name or { description, schema }' },
);

export const Endpoint = z.strictObject({
  id: Id,
  method: z.enum(HTTP_METHODS),
  path: z.string().regex(/^\/[^\s]*$/, { error: 'must be a path starting with "/"' }),
  summary: Text.optional(),
  description: Text.optional(),
  query: z.record(z.string(), JsonSchemaObject).optional(),
  request: Name.optional(),
  responses: z
    .record(z.string().regex(/^([1-5][0-9]{2}|default)$/, { error: 'must be an HTTP status code' }), ResponseSpec)
    .optional(),
});

export const Rpc = z.strictObject({
  name: Name,
  description: Text.optional(),
  request: Name.optional(),
  response: Name.optional(),
  streaming: z.enum(STREAMING_MODES).optional(),
});

export const Api = z.strictObject({
  style: z.enum(API_STYLES).optional(),
  version: Text.optional(),
  basePath: z.string().regex(/^\/[^\s]*$/, { error: 'must start with "/"' }).optional(),
  description: Text.optional(),
  endpoints: z.array(Endpoint).optional(),
  package: z
    .string()
    .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, { error: 'must be a protobuf package name such as shop.orders.v1' })
    .optional(),
  rpcs: z.array(Rpc).optional(),
  maxQueryDepth: z.int().min(1).optional().meta({ description: 'GraphQL: the deepest query the server accepts.' }),
});

export const Column = z.strictObject({
  type: z.enum(COLUMN_TYPES),
  primaryKey: z.boolean().optional(),
  nullable: z.boolean().optional(),
  unique: z.boolean().optional(),
  default: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
  references: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be table.column' })
    .optional(),
  description: Text.optional(),
});

export const Index = z.strictObject({
  columns: z.array(SqlName).min(1),
  unique: z.boolean().optional(),
  name: SqlName.optional(),
});

export const Table = z.strictObject({
  description: Text.optional(),
  columns: z.record(SqlName, Column),
  indexes: z.array(Index).optional(),
  rows: NonNegative.optional(),
  rowBytes: Positive.optional(),
  shardKey: SqlName.optional(),
});

export const Message = z.strictObject({
  schema: Name.optional(),
  key: Text.optional(),
  description: Text.optional(),
});

// ---------------------------------------------------------------- nodes

const kind = <K extends NodeKind>(k: K) => z.literal(k);

export const ClientNode = z.strictObject({
  kind: kind('client'),
  ...nodeBase,
  rps: NonNegative.optional().meta({ description: 'Offered load in requests per second.' }),
  trust: z.enum(CLIENT_TRUST).optional(),
});

const apiNode = <K extends (typeof API_KINDS)[number]>(k: K) =>
  z.strictObject({ kind: kind(k), ...nodeBase, api: Api.optional() });

export const GatewayNode = apiNode('gateway');
export const ServiceNode = apiNode('service');
export const WorkerNode = apiNode('worker');
export const FunctionNode = apiNode('function');

export const DatabaseNode = z.strictObject({
  kind: kind('database'),
  ...nodeBase,
  engine: z.enum(DB_ENGINES).optional(),
  owner: Id.optional(),
  readReplicas: z.int().min(0).optional(),
  tables: z.record(SqlName, Table).optional(),
});

export const CacheNode = z.strictObject({
  kind: kind('cache'),
  ...nodeBase,
  engine: Text.optional(),
  ttlSeconds: Positive.optional(),
  invalidation: z.enum(CACHE_INVALIDATION).optional(),
});

const messagingNode = <K extends (typeof MESSAGING_KINDS)[number]>(k: K) =>
  z.strictObject({
    kind: kind(k),
    ...nodeBase,
    broker: z.enum(BROKERS).optional(),
    partitions: z.int().min(1).optional(),
    retentionHours: Positive.optional(),
    deadLetter: z
      .union([Id, z.literal(true)], { error: 'must be the id of a queue or topic, or true' })
      .optional(),
    messages: z.record(Name, Message).optional(),
  });

export const QueueNode = messagingNode('queue');
export const TopicNode = messagingNode('topic');

const plainNode = <K extends NodeKind>(k: K) => z.strictObject({ kind: kind(k), ...nodeBase });

export const LoadBalancerNode = plainNode('loadbalancer');
export const CdnNode = plainNode('cdn');
export const StorageNode = plainNode('storage');
export const ExternalNode = plainNode('external');

export const NodeSchema = z.discriminatedUnion('kind', [
  ClientNode,
  GatewayNode,
  LoadBalancerNode,
  CdnNode,
  ServiceNode,
  WorkerNode,
  FunctionNode,
  DatabaseNode,
  CacheNode,
  QueueNode,
  TopicNode,
  StorageNode,
  ExternalNode,
]);

// ---------------------------------------------------------------- links and the rest

export const LinkSchema = z.strictObject({
  id: LinkId.optional(),
  from: Id,
  to: Id,
  protocol: Text.optional(),
  calls: NonNegative.optional().meta({ description: 'Mean calls per request handled by `from` (default 1).' }),
  timeoutMs: Positive.optional(),
  retries: z.int().min(0).optional(),
  circuitBreaker: z.boolean().optional(),
  mtls: z.boolean().optional(),
  optional: z.boolean().optional().meta({ description: 'The caller degrades gracefully when `to` is down.' }),
  parallel: z.boolean().optional(),
  async: z.boolean().optional().meta({ description: 'Fire-and-forget: makes a non-messaging link asynchronous.' }),
  endpoint: Text.optional(),
  message: Name.optional(),
  group: Id.optional(),
  access: z.enum(LINK_ACCESS).optional().meta({ description: 'Whether the link reads, writes or both (data stores).' }),
  description: Text.optional(),
});

export const ContextSchema = z.strictObject({
  name: Text.optional(),
  description: Text.optional(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour such as #3b82f6' }).optional(),
});

export const DecisionSchema = z.strictObject({
  id: Id,
  title: Text,
  status: z.enum(DECISION_STATUSES),
  date: Text.optional(),
  context: Text.optional(),
  decision: Text.optional(),
  consequences: Text.optional(),
  alternatives: z.array(Text).optional(),
});

export const SuppressionSchema = z.strictObject({
  rule: z.string().regex(/^[a-z]+\.[a-z0-9-]+$/, { error: 'must be a rule id such as resilience.spof' }),
  node: Id.optional(),
  link: LinkId.optional(),
  reason: Text,
});

export const NoteSchema = z.strictObject({
  id: Id,
  text: Text,
  x: z.number(),
  y: z.number(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
  node: Id.optional().meta({ description: 'A node the note is about.' }),
});

export const ViewSchema = z.strictObject({
  id: Id,
  name: Text,
  x: z.number(),
  y: z.number(),
  zoom: Positive,
});

export const Position = z.strictObject({
  x: z.number(),
  y: z.number(),
  width: Positive.optional(),
  height: Positive.optional(),
});

export const ModelSchema = z
  .strictObject({
    keel: z
      .literal(1, { error: 'must be 1 (the only format version this Keel reads)' })
      .meta({ description: 'Format version of the file: always 1.' }),
    name: Text.min(1, { error: 'must not be empty' }).meta({ description: 'Name of the system.' }),
    description: Text.optional(),
    slo: z
      .strictObject({
        availability: Percent.optional(),
        latencyP99Ms: Positive.optional(),
      })
      .optional(),
    analysis: z
      .strictObject({
        hotspotUtilization: z.number().gt(0).max(1).optional(),
        maxSyncDepth: z.int().min(1).optional(),
        maxRetryAmplification: z.number().min(1).optional(),
      })
      .optional(),
    contexts: z.record(Id, ContextSchema).optional().meta({ description: 'DDD bounded contexts by id.' }),
    schemas: z
      .record(Name, JsonSchemaObject)
      .optional()
      .meta({ description: 'JSON Schemas by name, used by endpoints, rpcs and messages.' }),
    nodes: z.record(Id, NodeSchema).meta({ description: 'The parts of the system by id.' }),
    links: z.array(LinkSchema).optional().meta({ description: 'Interactions between nodes.' }),
    decisions: z.array(DecisionSchema).optional().meta({ description: 'Lightweight architecture decision records.' }),
    notes: z.array(NoteSchema).optional().meta({ description: 'Sticky notes on the canvas (shown in the report).' }),
    views: z.array(ViewSchema).optional().meta({ description: 'Saved viewports for workshop mode.' }),
    suppress: z.array(SuppressionSchema).optional().meta({ description: 'Accepted findings, like a linter ignore list.' }),
    layout: z
      .record(Id, Position)
      .optional()
      .meta({ description: 'Canvas positions by node id, written by the studio; analysis and exports ignore it.' }),
  })
  .meta({
    title: 'Keel model',
    description: 'A Keel architecture model (*.keel.yaml), format version 1.',
  });
