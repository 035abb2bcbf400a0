/**
 * Deterministic generator of large, valid models for benchmarks and tests.
 *
 * The default shape ('sized') is laid out like a real system and sized for
 * its load: clients enter through CDNs, load balancers, gateways and edge
 * services; services call services of a deeper tier, their own context's
 * databases and caches, external systems, and publish to topics and queues
 * that workers consume. Links only go to a deeper tier, so a request crosses
 * at most seven hops; most links make one call per request (the mean is about
 * 1.1); capacities are then sized to the resulting load, most nodes at 15-65%
 * utilization and a few hot or overloaded. Timeouts shrink inwards, most
 * service calls carry mTLS, entries authenticate: the findings are the few a
 * reasonably run system has, not one per link. Every kind and link mode is
 * there: sync, `async: true`, optional, parallel, publish, consume (with and
 * without consumer groups), reads and writes to databases.
 *
 * `shape: 'compounding'` gives the first generator's models unchanged (random
 * calls up to 2.2, hundreds of layers, loads near 1e270): the stress case.
 * `cycles` adds back-links that close sync cycles, in either shape.
 */
import type { Link, Model, ModelNode, NodeOfKind } from '../model/types';

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
  /** 'sized' (default): a realistic system sized for its load; 'compounding': the stress shape. */
  shape?: 'sized' | 'compounding';
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
  return opts.shape === 'compounding' ? generateCompounding(opts) : generateSized(opts);
}

/** Kinds in the order of MIX, picked by weight; the first 2% of the nodes are clients. */
function kindPicker(opts: GenerateOptions, random: () => number): (i: number) => Kind {
  const total = MIX.reduce((s, [, w]) => s + w, 0);
  return (i) => {
    if (i < Math.max(1, Math.round(opts.nodes * 0.02))) return 'client';
    let r = random() * total;
    for (const [k, w] of MIX) {
      if ((r -= w) < 0) return k;
    }
    return 'service';
  };
}

// ---------------------------------------------------------------- sized shape

/** How deep in a request each kind sits; links only go to a deeper tier (services take 4 or 5). */
const TIER: Record<Kind, number> = {
  client: 0,
  cdn: 1,
  loadbalancer: 2,
  gateway: 3,
  service: 4,
  function: 6,
  topic: 7,
  queue: 7,
  worker: 8,
  cache: 9,
  database: 9,
  storage: 9,
  external: 9,
};

/** What each kind links to, by weight. Data stores and external systems call nothing. */
const TARGETS: Partial<Record<Kind, [Kind, number][]>> = {
  client: [
    ['gateway', 6],
    ['loadbalancer', 2],
    ['cdn', 2],
    ['service', 2],
    ['function', 1],
  ],
  cdn: [
    ['loadbalancer', 3],
    ['gateway', 3],
    ['storage', 4],
  ],
  loadbalancer: [
    ['gateway', 6],
    ['service', 4],
  ],
  gateway: [
    ['service', 8],
    ['function', 2],
  ],
  service: [
    ['database', 30],
    ['cache', 20],
    ['service', 14],
    ['topic', 10],
    ['queue', 8],
    ['function', 3],
    ['external', 4],
    ['storage', 4],
  ],
  function: [
    ['database', 4],
    ['cache', 2],
    ['queue', 2],
    ['topic', 2],
    ['storage', 2],
    ['external', 1],
  ],
  topic: [['worker', 1]],
  queue: [['worker', 1]],
  worker: [
    ['database', 5],
    ['cache', 2],
    ['storage', 2],
    ['external', 1],
  ],
};

/** Timeout of a sync call by the callee's tier: each inner one x 2 (one retry) stays under the outer one. */
const TIMEOUT_MS: Record<number, number> = { 1: 30000, 2: 20000, 3: 10000, 4: 4000, 5: 1600, 6: 600, 8: 600, 9: 200 };

const API_KINDS: readonly Kind[] = ['gateway', 'service', 'worker', 'function'];
const DATA_KINDS: readonly Kind[] = ['database', 'cache', 'storage'];
const CAPACITY_KINDS: readonly Kind[] = ['gateway', 'service', 'worker', 'function', 'database', 'cache'];
/** Index distance within which a service finds the nodes it calls (a few contexts either way). */
const WINDOW = 40;

function generateSized(opts: GenerateOptions): Model {
  const random = rng(opts.seed ?? 42);
  const rich = opts.rich ?? true;
  const contextSize = opts.contextSize ?? 10;
  const n = opts.nodes;
  const pick = <T>(items: readonly [T, number][]): T => {
    let r = random() * items.reduce((s, [, w]) => s + w, 0);
    for (const [x, w] of items) if ((r -= w) < 0) return x;
    return items[items.length - 1]![0];
  };
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);
  const chance = (p: number) => random() < p;

  const pickKind = kindPicker(opts, random);
  const ids: string[] = [];
  const kinds: Kind[] = [];
  const tiers: number[] = [];
  const nodes: Record<string, ModelNode> = {};
  const contexts: Model['contexts'] = {};
  const positions = new Map<Kind, number[]>();
  for (let i = 0; i < n; i++) {
    const kind = pickKind(i);
    const id = `${kind}-${i}`;
    const c = Math.floor(i / contextSize);
    const context = `ctx-${c}`;
    if (!contexts[context]) contexts[context] = { name: `Context ${c}` };
    ids.push(id);
    kinds.push(kind);
    tiers.push(kind === 'service' ? 4 + Math.floor(random() * 2) : TIER[kind]);
    if (!positions.has(kind)) positions.set(kind, []);
    positions.get(kind)!.push(i);
    nodes[id] = makeSizedNode(kind, context, random, rich);
  }

  /** A node of `kind` with an index in [lo, hi] and a deeper tier than `from`'s, or -1. */
  const nodeIn = (kind: Kind, lo: number, hi: number, from: number): number => {
    const at = positions.get(kind);
    if (!at) return -1;
    const a = lowerBound(at, lo);
    const b = lowerBound(at, hi + 1);
    if (a >= b) return -1;
    for (let k = 0; k < 3; k++) {
      const to = at[a + Math.floor(random() * (b - a))]!;
      if (tiers[to]! > tiers[from]!) return to;
    }
    return -1;
  };
  const target = (from: number): number => {
    const kind = pick(TARGETS[kinds[from]!]!);
    if (kinds[from] === 'client') return nodeIn(kind, 0, n - 1, from);
    if (DATA_KINDS.includes(kind) && chance(0.99)) {
      // A service keeps to its own context's data stores (none there: it makes some other call).
      const c = Math.floor(from / contextSize) * contextSize;
      return nodeIn(kind, c, c + contextSize - 1, from);
    }
    return nodeIn(kind, from - WINDOW, from + WINDOW, from);
  };

  const links: Link[] = [];
  const seen = new Set<string>();
  const addLink = (from: number, to: number): void => {
    const key = `${from}>${to}`;
    if (to < 0 || from === to || seen.has(key)) return;
    seen.add(key);
    links.push(describeLink(from, to));
  };
  const describeLink = (from: number, to: number): Link => {
    const link: Link = { from: ids[from]!, to: ids[to]! };
    const fk = kinds[from]!;
    const tk = kinds[to]!;
    const consume = fk === 'queue' || fk === 'topic';
    const publish = tk === 'queue' || tk === 'topic';
    if (consume) {
      // Some consumers share a group with another (they split the messages).
      if (fk === 'topic' && chance(0.3)) link.group = `group-${Math.floor(random() * 2)}`;
      return link;
    }
    const r = random();
    if (r < 0.2) link.calls = Math.round(between(0.1, 0.9) * 10) / 10;
    else if (r < 0.25) link.calls = chance(0.7) ? 2 : 3;
    // No endpoint or message names on links: tests swap nodes between generated models, and those would dangle.
    if (publish) return link;
    const bothApi = API_KINDS.includes(fk) && API_KINDS.includes(tk);
    if (fk === 'service' && tk === 'service' && chance(0.06)) link.async = true;
    if (tk === 'cache' ? chance(0.25) : tk === 'external' ? chance(0.5) : bothApi && chance(0.1)) link.optional = true;
    if (fk === 'gateway' ? chance(0.5) : bothApi && chance(0.3)) link.parallel = true;
    if (bothApi && chance(0.92)) link.mtls = true;
    if (tk === 'external' && chance(0.75)) link.circuitBreaker = true;
    if (tk === 'database') {
      const a = random();
      link.access = a < 0.6 ? 'read' : a < 0.85 ? 'write' : 'readwrite';
    }
    if (fk !== 'client') {
      // Timeouts shrink inwards; a few are missing or set without regard to the callee.
      const t = random();
      if (t < 0.97) link.timeoutMs = Math.round(TIMEOUT_MS[tiers[to]!]! * between(0.9, 1.1));
      else if (t < 0.985) link.timeoutMs = Math.round(between(100, 2000));
      const k = random();
      if (k < 0.02) link.retries = 2;
      else if (k < 0.27) link.retries = 1;
    }
    return link;
  };

  // Every client reaches some entry; then links from random nodes to what their kind calls.
  for (let i = 0; i < n; i++) if (kinds[i] === 'client') addLink(i, target(i));
  let attempts = 0;
  while (links.length < opts.links && attempts < opts.links * 20) {
    attempts++;
    const from = Math.floor(random() * n);
    // Clients use a few entries each, not as many links as a service makes.
    if (TARGETS[kinds[from]!] && (kinds[from] !== 'client' || chance(0.3))) addLink(from, target(from));
  }

  sizeForLoad(nodes, ids, kinds, tiers, links, random);

  // Back-links that close sync cycles: b -> a for a sync link a -> b between services.
  const calls = links.filter((l) => API_KINDS.includes(nodes[l.from]!.kind) && API_KINDS.includes(nodes[l.to]!.kind) && !l.async);
  for (let c = 0; c < (opts.cycles ?? 0) && calls.length > 0; c++) {
    const l = calls[Math.floor(random() * calls.length)]!;
    const from = ids.indexOf(l.to);
    const to = ids.indexOf(l.from);
    const key = `${from}>${to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({ from: l.to, to: l.from, timeoutMs: 500 });
  }

  return {
    keel: 1,
    name: `Generated ${n}-node system`,
    description: `A generated model with ${n} nodes and ${links.length} links.`,
    contexts,
    schemas: itemSchemas(),
    nodes,
    links,
  };
}

/**
 * Sets capacities (and rate limits) from the load each node receives: loads
 * pushed tier by tier as model-format.md section 4 defines them. Most nodes
 * end up at 15-65% utilization, some at 65-85%, a few near or over capacity.
 */
function sizeForLoad(nodes: Record<string, ModelNode>, ids: string[], kinds: Kind[], tiers: number[], links: Link[], random: () => number): void {
  const index = new Map(ids.map((id, i) => [id, i]));
  const out: Link[][] = ids.map(() => []);
  for (const l of links) out[index.get(l.from)!]!.push(l);
  const load = new Float64Array(ids.length);
  const order = ids.map((_, i) => i).sort((a, b) => tiers[a]! - tiers[b]! || a - b);
  for (const v of order) {
    const nd = nodes[ids[v]!]!;
    if (nd.kind === 'client') load[v] = nd.rps ?? 0;
    const messaging = kinds[v] === 'queue' || kinds[v] === 'topic';
    const groups = new Map<string, number>();
    if (messaging) for (const l of out[v]!) groups.set(groupOf(nd.kind, l), (groups.get(groupOf(nd.kind, l)) ?? 0) + 1);
    for (const l of out[v]!) {
      const share = messaging ? 1 / groups.get(groupOf(nd.kind, l))! : (l.calls ?? 1);
      load[index.get(l.to)!]! += load[v]! * share;
    }
  }
  for (let v = 0; v < ids.length; v++) {
    const nd = nodes[ids[v]!]!;
    if (!CAPACITY_KINDS.includes(nd.kind)) continue;
    const r = random();
    const utilization = r < 0.82 ? 0.15 + random() * 0.5 : r < 0.97 ? 0.65 + random() * 0.2 : r < 0.996 ? 0.85 + random() * 0.14 : 1 + random() * 0.4;
    const replicas = nd.replicas ?? 1;
    const perReplica = load[v]! > 0 ? Math.max(10, Math.ceil(load[v]! / (replicas * utilization) / 10) * 10) : 100 + 10 * Math.floor(random() * 90);
    nd.capacity = { rps: perReplica };
    if (nd.security && random() < 0.9 && nd.kind !== 'worker' && nd.kind !== 'database' && nd.kind !== 'cache') {
      nd.security.rateLimitRps = perReplica * replicas;
    }
  }
}

/** The consumer group a consume link belongs to (a queue's consumers are one group). */
const groupOf = (kind: Kind, l: Link): string => (kind === 'queue' ? '' : (l.group ?? l.to));

function lowerBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const itemSchemas = (): NonNullable<Model['schemas']> => ({
  Item: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', format: 'uuid' }, amount: { type: 'integer', minimum: 0 } },
  },
});

const OBSERVED = { liveness: '/health', readiness: '/ready', metrics: '/metrics', tracing: 'otel' };

function makeSizedNode(kind: Kind, context: string, random: () => number, rich: boolean): ModelNode {
  // Most nodes run two to four replicas; a few run one.
  const replicas = random() < 0.03 ? 1 : 2 + Math.floor(random() * 3);
  switch (kind) {
    case 'client':
      return { kind, context, rps: Math.round(20 + random() * 380), ...(random() < 0.2 ? { trust: 'internal' as const } : {}) };
    case 'gateway':
    case 'service':
    case 'worker':
    case 'function': {
      const o = random();
      const observability =
        o < 0.95
          ? OBSERVED
          : o < 0.98
            ? { liveness: '/health', readiness: '/ready', metrics: '/metrics' }
            : o < 0.99
              ? { liveness: '/health', readiness: '/ready' }
              : { liveness: '/health' };
      return {
        kind,
        context,
        tech: 'Go',
        replicas,
        latencyMs: Math.round(1 + random() * 9),
        observability: { ...observability },
        ...(kind !== 'worker' && random() < 0.95 ? { security: { auth: 'jwt' as const } } : {}),
        ...(rich && kind !== 'worker' ? { api: itemApi() } : {}),
      };
    }
    case 'database':
      return {
        kind,
        context,
        engine: 'postgres',
        replicas: random() < 0.05 ? 1 : 2,
        ...(random() < 0.4 ? { readReplicas: 1 } : {}),
        latencyMs: 2 + Math.floor(random() * 4),
        ...(rich ? { tables: itemTables() } : {}),
      };
    case 'cache':
      return { kind, context, engine: 'redis', replicas: 2, latencyMs: 1, ttlSeconds: 60 };
    case 'queue':
    case 'topic':
      return {
        kind,
        context,
        broker: kind === 'topic' ? 'kafka' : 'sqs',
        replicas: 3,
        partitions: 12,
        ...(random() < 0.95 ? { deadLetter: true } : {}),
        ...(rich ? { messages: itemMessages() } : {}),
      };
    case 'external':
      return { kind, availability: Math.round((99.5 + random() * 0.45) * 100) / 100, latencyMs: Math.round(40 + random() * 80) };
    default:
      return { kind, context, replicas, latencyMs: 1 + Math.floor(random() * 4) };
  }
}

// ----------------------------------------------------------- compounding shape

/**
 * The first shape: random `calls` up to 2.2 on a fifth of the links, links
 * from each node to any of the next 40, so a request passes hundreds of
 * layers and loads compound to around 1e270; capacities are random. Kept as
 * the analysis benchmark's stress case.
 */
function generateCompounding(opts: GenerateOptions): Model {
  const random = rng(opts.seed ?? 42);
  const rich = opts.rich ?? true;
  const contextSize = opts.contextSize ?? 10;
  const pickKind = kindPicker(opts, random);

  const ids: string[] = [];
  const kinds: Kind[] = [];
  const nodes: Record<string, ModelNode> = {};
  const contexts: Model['contexts'] = {};
  const schemas = itemSchemas();

  for (let i = 0; i < opts.nodes; i++) {
    const kind = pickKind(i);
    const id = `${kind}-${i}`;
    const ctx = `ctx-${Math.floor(i / contextSize)}`;
    if (!contexts[ctx]) contexts[ctx] = { name: `Context ${Math.floor(i / contextSize)}` };
    ids.push(id);
    kinds.push(kind);
    nodes[id] = makeCompoundingNode(kind, id, ctx, random, rich);
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

function makeCompoundingNode(kind: Kind, id: string, context: string, random: () => number, rich: boolean): ModelNode {
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
        ...(rich && kind !== 'worker' ? { api: itemApi() } : {}),
      };
    case 'database':
      return {
        kind,
        context,
        engine: 'postgres',
        replicas: 2,
        capacity: { rps: 5000 },
        latencyMs: 3,
        ...(rich ? { tables: itemTables() } : {}),
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
        ...(rich ? { messages: itemMessages() } : {}),
      };
    case 'external':
      return { kind, availability: 99.5, latencyMs: 80 };
    default:
      return { kind, context, replicas, latencyMs: 1 };
  }
}

/** The table every generated database holds, and the message every queue and topic carries (fresh objects, as below). */
function itemTables(): NonNullable<NodeOfKind<'database'>['tables']> {
  return {
    items: {
      columns: {
        id: { type: 'uuid', primaryKey: true },
        amount: { type: 'bigint', nullable: false },
        created_at: { type: 'timestamp' },
      },
    },
  };
}

function itemMessages(): NonNullable<NodeOfKind<'topic'>['messages']> {
  return { ItemChanged: { schema: 'Item', key: 'id' } };
}

/** The small REST api every generated service carries (a fresh object per node: models are edited in place in tests). */
function itemApi(): NonNullable<NodeOfKind<'service'>['api']> {
  return {
    style: 'rest',
    version: 'v1',
    endpoints: [
      { id: 'get-item', method: 'GET', path: '/items/{id}', responses: { '200': 'Item' } },
      { id: 'create-item', method: 'POST', path: '/items', request: 'Item', responses: { '201': 'Item' } },
    ],
  };
}
