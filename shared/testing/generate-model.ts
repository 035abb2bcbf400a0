/**
 * Deterministic generator of large, valid models for benchmarks and tests.
 * Shaped like real systems: clients enter through gateways, services call
 * services and own databases, caches and topics sit between them, contexts
 * group roughly ten nodes each. Links go "downwards" (no sync cycles) unless
 * `cycles` asks for some.
 */
import type { Model, ModelNode, Link } from '../model/types';

export interface GenerateOptions {
  nodes: number;
  links: number;
  /** Nodes per bounded context (default 10). */
  contextSize?: number;
  seed?: number;
  /** Number of back-links that close sync cycles (default 0). */
  cycles?: number;
  /** Include APIs, tables and messages (default true). */
  rich?: boolean;
}

/** mulberry32: small, fast, good enough for shaping test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = ModelNode['kind'];
const MIX: [Kind, number][] = [
  ['service', 40],
  ['database', 12],
  ['worker', 8],
  ['cache', 8],
  ['topic', 6],
  ['queue', 5],
  ['gateway', 4],
  ['function', 4],
  ['client', 4],
  ['external', 3],
  ['storage', 2],
  ['loadbalancer', 2],
  ['cdn', 2],
];

export function generateModel(opts: GenerateOptions): Model {
  const random = rng(opts.seed ?? 42);
  const rich = opts.rich ?? true;
  const contextSize = opts.contextSize ?? 10;
  const total = MIX.reduce((s, [, w]) => s + w, 0);
  const pickKind = (i: number): Kind => {
    if (i < Math.max(1, Math.round(opts.nodes * 0.02))) return 'client';
    let r = random() * total;
    for (const [k, w] of MIX) {
      if ((r -= w) < 0) return k;
    }
    return 'service';
  };

  const ids: string[] = [];
  const kinds: Kind[] = [];
  const nodes: Record<string, ModelNode> = {};
  const contexts: Model['contexts'] = {};
  const schemas: NonNullable<Model['schemas']> = {
    Item: {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string', format: 'uuid' }, amount: { type: 'integer', minimum: 0 } },
    },
  };

  for (let i = 0; i < opts.nodes; i++) {
    const kind = pickKind(i);
    const id = `${kind}-${i}`;
    const ctx = `ctx-${Math.floor(i / contextSize)}`;
    if (!contexts[ctx]) contexts[ctx] = { name: `Context ${Math.floor(i / contextSize)}` };
    ids.push(id);
    kinds.push(kind);
    nodes[id] = makeNode(kind, id, ctx, random, rich);
  }

  const links: Link[] = [];
  const seen = new Set<string>();
  const addLink = (from: number, to: number, extra: Partial<Link> = {}) => {
    const key = `${from}>${to}`;
    if (from === to || seen.has(key)) return false;
    seen.add(key);
    const a = ids[from]!;
    const b = ids[to]!;
    const link: Link = { from: a, to: b, ...extra };
    const fromKind = kinds[from]!;
    const toKind = kinds[to]!;
    if (fromKind !== 'client' && toKind !== 'queue' && toKind !== 'topic' && fromKind !== 'queue' && fromKind !== 'topic') {
      link.timeoutMs = 200 + Math.floor(random() * 800);
      if (random() < 0.3) link.retries = 1;
    }
    if (random() < 0.2) link.calls = Math.round((0.2 + random() * 2) * 10) / 10;
    links.push(link);
    return true;
  };

  // Every client reaches something; afterwards links go from lower to higher index (a DAG).
  let attempts = 0;
  while (links.length < opts.links && attempts < opts.links * 20) {
    attempts++;
    const from = Math.floor(random() * (opts.nodes - 1));
    const span = Math.max(2, Math.min(40, opts.nodes - from - 1));
    const to = from + 1 + Math.floor(random() * span);
    if (to >= opts.nodes) continue;
    if (kinds[to] === 'client') continue;
    // Clients never call data stores directly; data stores call nothing.
    const fk = kinds[from]!;
    const tk = kinds[to]!;
    if (fk === 'client' && (tk === 'database' || tk === 'cache')) continue;
    if (fk === 'database' || fk === 'cache' || fk === 'storage' || fk === 'external') continue;
    if ((fk === 'queue' || fk === 'topic') && (tk === 'queue' || tk === 'topic')) continue;
    addLink(from, to);
  }
  for (let c = 0; c < (opts.cycles ?? 0); c++) {
    const from = 1 + Math.floor(random() * (opts.nodes - 1));
    const to = Math.max(0, from - 1 - Math.floor(random() * 5));
    if (kinds[to] === 'client' || kinds[from] === 'client') continue;
    addLink(from, to, { timeoutMs: 500 });
  }

  return {
    keel: 1,
    name: `Generated ${opts.nodes}-node system`,
    description: `A generated model with ${opts.nodes} nodes and ${links.length} links.`,
    contexts,
    schemas,
    nodes,
    links,
  };
}

function makeNode(kind: Kind, id: string, context: string, random: () => number, rich: boolean): ModelNode {
  const replicas = 1 + Math.floor(random() * 4);
  switch (kind) {
    case 'client':
      return { kind, context, rps: Math.round(50 + random() * 500) };
    case 'gateway':
    case 'service':
    case 'worker':
    case 'function':
      return {
        kind,
        context,
        tech: 'Go',
        replicas,
        capacity: { rps: Math.round(200 + random() * 2000) },
        latencyMs: Math.round(2 + random() * 40),
        observability: { liveness: '/health', readiness: '/ready', metrics: '/metrics', tracing: 'otel' },
        ...(rich && kind !== 'worker'
          ? {
              api: {
                style: 'rest' as const,
                version: 'v1',
                endpoints: [
                  { id: 'get-item', method: 'GET' as const, path: '/items/{id}', responses: { '200': 'Item' } },
                  { id: 'create-item', method: 'POST' as const, path: '/items', request: 'Item', responses: { '201': 'Item' } },
                ],
              },
            }
          : {}),
      };
    case 'database':
      return {
        kind,
        context,
        engine: 'postgres',
        replicas: 2,
        capacity: { rps: 5000 },
        latencyMs: 3,
        ...(rich
          ? {
              tables: {
                items: {
                  columns: {
                    id: { type: 'uuid' as const, primaryKey: true },
                    amount: { type: 'bigint' as const, nullable: false },
                    created_at: { type: 'timestamp' as const },
                  },
                },
              },
            }
          : {}),
      };
    case 'cache':
      return { kind, context, engine: 'redis', replicas: 2, capacity: { rps: 50000 }, latencyMs: 1, ttlSeconds: 60 };
    case 'queue':
    case 'topic':
      return {
        kind,
        context,
        broker: kind === 'topic' ? 'kafka' : 'sqs',
        partitions: 6,
        deadLetter: true,
        ...(rich ? { messages: { ItemChanged: { schema: 'Item', key: 'id' } } } : {}),
      };
    case 'external':
      return { kind, availability: 99.5, latencyMs: 80 };
    default:
      return { kind, context, replicas, latencyMs: 1 };
  }
}
