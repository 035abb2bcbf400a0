/**
 * Rules that read the shape of the model: timeouts, breakers, messaging
 * wiring, data ownership and tables, security, observability, design. Each is
 * checked firing and not firing on a small model.
 */
import { describe, expect, it } from 'vitest';
import type { Link, ModelNode } from '../model/types';
import { findingsOf, model, OBSERVED } from './test-model';

const svc = (extra: Record<string, unknown> = {}) => ({ kind: 'service', ...OBSERVED, ...extra }) as ModelNode;
const pair = (from: ModelNode, to: ModelNode, link: Partial<Link> = {}) =>
  model({ nodes: { a: from, b: to }, links: [{ from: 'a', to: 'b', ...link }] });

describe('resilience.missing-timeout', () => {
  it('fires on a sync link without timeoutMs, suggesting twice the callee budget', () => {
    // R(b) = 40 ms: suggestion 2 x 40 = 80, rounded up to 50s and at least 100: 100.
    const [f] = findingsOf(pair(svc(), svc({ latencyMs: 40 })), 'resilience.missing-timeout');
    expect(f!.links).toEqual(['a->b']);
    expect(f!.nodes).toEqual(['a', 'b']);
    expect(f!.suggestion).toContain('timeoutMs: 100 (about twice b');
  });

  it('does not fire from a client, on async or publish links, or with a timeout', () => {
    expect(findingsOf(pair({ kind: 'client' }, svc()), 'resilience.missing-timeout')).toHaveLength(0);
    expect(findingsOf(pair(svc(), svc(), { async: true }), 'resilience.missing-timeout')).toHaveLength(0);
    expect(findingsOf(pair(svc(), { kind: 'queue' }), 'resilience.missing-timeout')).toHaveLength(0);
    expect(findingsOf(pair(svc(), svc(), { timeoutMs: 50 }), 'resilience.missing-timeout')).toHaveLength(0);
  });
});

describe('resilience.timeout-inversion', () => {
  // gateway->orders: T = 800. orders->payments: 500 x (1 + 1) = 1,000 >= 800.
  const m = (retries: number) =>
    model({
      nodes: { gateway: { kind: 'gateway', ...OBSERVED }, orders: svc(), payments: svc() },
      links: [
        { from: 'gateway', to: 'orders', timeoutMs: 800 },
        { from: 'orders', to: 'payments', timeoutMs: 500, retries },
      ],
    });

  it('fires when the inner timeout with retries reaches the outer one', () => {
    const [f] = findingsOf(m(1), 'resilience.timeout-inversion');
    expect(f!.links).toEqual(['gateway->orders', 'orders->payments']);
    expect(f!.message).toContain('gateway->orders gives up after 800 ms, but orders->payments may take 2 x 500 = 1,000 ms with its retry');
    // floor(800 / 2) = 400.
    expect(f!.suggestion).toContain("Lower orders->payments's timeoutMs under 400 ms");
  });

  it('does not fire when the inner call fits: 500 < 800', () => {
    expect(findingsOf(m(0), 'resilience.timeout-inversion')).toHaveLength(0);
  });
});

describe('resilience.missing-circuit-breaker', () => {
  it('fires on a sync call to an external system without a breaker', () => {
    const [f] = findingsOf(pair(svc(), { kind: 'external' }, { timeoutMs: 100 }), 'resilience.missing-circuit-breaker');
    expect(f!.links).toEqual(['a->b']);
  });
  it('does not fire with a breaker, asynchronously, or to a non-external node', () => {
    expect(findingsOf(pair(svc(), { kind: 'external' }, { circuitBreaker: true }), 'resilience.missing-circuit-breaker')).toHaveLength(0);
    expect(findingsOf(pair(svc(), { kind: 'external' }, { async: true }), 'resilience.missing-circuit-breaker')).toHaveLength(0);
    expect(findingsOf(pair(svc(), svc()), 'resilience.missing-circuit-breaker')).toHaveLength(0);
  });
});

describe('messaging rules', () => {
  const wired = (queue: Record<string, unknown>, consumed: boolean) =>
    model({
      nodes: { c: { kind: 'client', rps: 2 }, p: svc(), q: { kind: 'queue', ...queue } as ModelNode, w: { kind: 'worker', ...OBSERVED } },
      links: [{ from: 'c', to: 'p' }, { from: 'p', to: 'q' }, ...(consumed ? [{ from: 'q', to: 'w' }] : [])],
    });

  it('messaging.missing-dlq fires on a consumed queue without deadLetter', () => {
    const [f] = findingsOf(wired({}, true), 'messaging.missing-dlq');
    expect(f!.message).toContain('q has 1 consumer and no deadLetter');
    expect(findingsOf(wired({ deadLetter: true }, true), 'messaging.missing-dlq')).toHaveLength(0);
    expect(findingsOf(wired({}, false), 'messaging.missing-dlq')).toHaveLength(0);
  });

  it('messaging.no-consumer fires on a published, never consumed queue', () => {
    // 2 msg/s x 3600 = 7,200 messages an hour.
    const [f] = findingsOf(wired({ deadLetter: true }, false), 'messaging.no-consumer');
    expect(f!.message).toContain('q receives 2 msg/s from p and nothing consumes it: 7,200 messages an hour pile up');
    expect(findingsOf(wired({ deadLetter: true }, true), 'messaging.no-consumer')).toHaveLength(0);
  });

  it('messaging.idle-consumers fires when a group has more replicas than partitions', () => {
    const topic = (replicas: number) =>
      model({
        nodes: { t: { kind: 'topic', partitions: 6 }, w: { kind: 'worker', replicas } },
        links: [{ from: 't', to: 'w', group: 'shipping' }],
      });
    const [f] = findingsOf(topic(8), 'messaging.idle-consumers');
    expect(f!.message).toBe('t has 6 partitions but group shipping runs 8 replicas: 2 sit idle.');
    expect(findingsOf(topic(6), 'messaging.idle-consumers')).toHaveLength(0);
  });
});

describe('data rules', () => {
  const users = (ctxA: string | undefined, ctxB: string | undefined, db: Record<string, unknown> = {}, bLink: Partial<Link> = {}) =>
    model({
      nodes: {
        a: svc({ context: ctxA }),
        b: svc({ context: ctxB }),
        db: { kind: 'database', ...db } as ModelNode,
      },
      links: [
        { from: 'a', to: 'db', timeoutMs: 10 },
        { from: 'b', to: 'db', timeoutMs: 10, ...bLink },
      ],
    });

  it('data.shared-database fires across contexts (no context counts as one)', () => {
    const [f] = findingsOf(users('ordering', 'billing'), 'data.shared-database');
    expect(f!.nodes).toEqual(['db', 'a', 'b']);
    expect(f!.message).toContain('2 bounded contexts: a (ordering), b (billing)');
    expect(findingsOf(users('ordering', undefined), 'data.shared-database')).toHaveLength(1);
    expect(findingsOf(users('ordering', 'ordering'), 'data.shared-database')).toHaveLength(0);
    // An async link does not share the schema.
    expect(findingsOf(users('ordering', 'billing', {}, { async: true }), 'data.shared-database')).toHaveLength(0);
  });

  it('data.shared-database fires when users sit outside the owner context', () => {
    const m = model({
      nodes: { owner: svc({ context: 'ordering' }), b: svc({ context: 'billing' }), db: { kind: 'database', owner: 'owner' } },
      links: [{ from: 'b', to: 'db', timeoutMs: 10 }],
    });
    const [f] = findingsOf(m, 'data.shared-database');
    expect(f!.message).toContain('db is owned by owner (ordering) but b (billing) reaches into it directly');
    const own = model({
      nodes: { owner: svc({ context: 'ordering' }), db: { kind: 'database', owner: 'owner' } },
      links: [{ from: 'owner', to: 'db', timeoutMs: 10 }],
    });
    expect(findingsOf(own, 'data.shared-database')).toHaveLength(0);
  });

  it('data.shared-cache fires on a cache used from two contexts', () => {
    const m = model({
      nodes: { a: svc({ context: 'x' }), b: svc({ context: 'y' }), c: { kind: 'cache' } },
      links: [
        { from: 'a', to: 'c', timeoutMs: 5 },
        { from: 'b', to: 'c', timeoutMs: 5 },
      ],
    });
    expect(findingsOf(m, 'data.shared-cache')[0]!.severity).toBe('info');
    expect(findingsOf(users('x', 'y'), 'data.shared-cache')).toHaveLength(0);
  });

  const tables = (orders: Record<string, unknown>) =>
    model({
      nodes: {
        db: {
          kind: 'database',
          tables: {
            customers: { columns: { id: { type: 'uuid', primaryKey: true } } },
            orders: { columns: { id: { type: 'uuid', primaryKey: true }, customer_id: { type: 'uuid', references: 'customers.id' } }, ...orders },
          },
        } as ModelNode,
      },
    });

  it('data.missing-fk-index fires unless an index or the primary key starts with the column', () => {
    const [f] = findingsOf(tables({}), 'data.missing-fk-index');
    expect(f!.message).toContain('db: orders.customer_id references customers.id but no index starts with it');
    expect(f!.suggestion).toContain('indexes: [ { columns: [customer_id] } ]');
    expect(findingsOf(tables({ indexes: [{ columns: ['customer_id', 'id'] }] }), 'data.missing-fk-index')).toHaveLength(0);
    // An index where it comes second does not help.
    expect(findingsOf(tables({ indexes: [{ columns: ['id', 'customer_id'] }] }), 'data.missing-fk-index')).toHaveLength(1);
  });

  it('data.sharding fires past 1e9 rows or 1 TiB without a shardKey', () => {
    expect(findingsOf(tables({ rows: 2e9 }), 'data.sharding')[0]!.message).toContain('table orders holds 2,000,000,000 rows');
    // 1e6 rows x 2e6 bytes = 2e12 bytes = 1.82 TiB (2e12 / 2^40).
    expect(findingsOf(tables({ rows: 1e6, rowBytes: 2e6 }), 'data.sharding')[0]!.message).toContain('(1.82 TiB)');
    expect(findingsOf(tables({ rows: 2e9, shardKey: 'customer_id' }), 'data.sharding')).toHaveLength(0);
    expect(findingsOf(tables({ rows: 1e9 }), 'data.sharding')).toHaveLength(0);
  });

  it('data.direct-client-access fires on a client linking to a database or cache', () => {
    const [f] = findingsOf(pair({ kind: 'client' }, { kind: 'database' }), 'data.direct-client-access');
    expect(f!.severity).toBe('critical');
    expect(f!.links).toEqual(['a->b']);
    expect(findingsOf(pair({ kind: 'client' }, { kind: 'cache' }), 'data.direct-client-access')).toHaveLength(1);
    expect(findingsOf(pair({ kind: 'client' }, svc()), 'data.direct-client-access')).toHaveLength(0);
  });

  it('data.read-heavy-no-cache fires on a read-heavy database without cache or replicas', () => {
    // reads: 200 rps x 1 call = 200; writes: 200 x 0.1 = 20. Share 200 / 220 = 91%.
    const m = (db: Record<string, unknown> = {}, cached = false) =>
      model({
        nodes: {
          c: { kind: 'client', rps: 200 },
          api: svc(),
          db: { kind: 'database', ...db } as ModelNode,
          cache: { kind: 'cache' },
        },
        links: [
          { from: 'c', to: 'api' },
          { from: 'api', to: 'db', access: 'read', timeoutMs: 10 },
          { from: 'api', to: 'db', access: 'write', calls: 0.1, timeoutMs: 10 },
          ...(cached ? [{ from: 'api', to: 'cache', timeoutMs: 5 }] : []),
        ],
      });
    const [f] = findingsOf(m(), 'data.read-heavy-no-cache');
    expect(f!.message).toContain('db serves 200 reads/s (91% of its traffic) from api with no cache in front and no read replicas');
    expect(f!.suggestion).toContain('a 90% hit rate leaves 20 reads/s');
    expect(findingsOf(m({ readReplicas: 1 }), 'data.read-heavy-no-cache')).toHaveLength(0);
    expect(findingsOf(m({}, true), 'data.read-heavy-no-cache')).toHaveLength(0);
  });
});

describe('security rules', () => {
  it('security.unauthenticated-entry fires for a public client reaching an entry without auth', () => {
    const [f] = findingsOf(pair({ kind: 'client' }, svc()), 'security.unauthenticated-entry');
    expect(f!.links).toEqual(['a->b']);
    expect(f!.message).toContain('with no security.auth');
    expect(findingsOf(pair({ kind: 'client' }, svc({ security: { auth: 'none' } })), 'security.unauthenticated-entry')[0]!.message).toContain('security.auth: none');
    expect(findingsOf(pair({ kind: 'client' }, svc({ security: { auth: 'jwt' } })), 'security.unauthenticated-entry')).toHaveLength(0);
    expect(findingsOf(pair({ kind: 'client', trust: 'internal' }, svc()), 'security.unauthenticated-entry')).toHaveLength(0);
  });

  it('security.missing-rate-limit fires on a public entry without rateLimitRps, suggesting its capacity', () => {
    const m = (security?: Record<string, unknown>) =>
      model({
        nodes: { web: { kind: 'client', rps: 300 }, gw: { kind: 'gateway', ...OBSERVED, replicas: 2, capacity: { rps: 500 }, security } as ModelNode },
        links: [{ from: 'web', to: 'gw' }],
      });
    const [f] = findingsOf(m(), 'security.missing-rate-limit');
    expect(f!.message).toBe('gw takes 300 rps from the public client web with no rate limit; its capacity is 1,000 rps.');
    expect(f!.suggestion).toContain('e.g. 1,000, its capacity');
    expect(findingsOf(m({ rateLimitRps: 100 }), 'security.missing-rate-limit')).toHaveLength(0);
  });

  it('security.missing-mtls fires between services, not to data stores', () => {
    expect(findingsOf(pair(svc(), svc()), 'security.missing-mtls')[0]!.links).toEqual(['a->b']);
    expect(findingsOf(pair(svc(), svc(), { mtls: true }), 'security.missing-mtls')).toHaveLength(0);
    expect(findingsOf(pair(svc(), { kind: 'database' }), 'security.missing-mtls')).toHaveLength(0);
  });

  it('security.plaintext-secret fires on literal secrets and never repeats them', () => {
    const m = (config: Record<string, string>) => model({ nodes: { a: svc({ config }) } });
    const [f] = findingsOf(m({ DB_PASSWORD: 'hunter2', LOG_LEVEL: 'debug' }), 'security.plaintext-secret');
    expect(f!.message).toBe('a holds a secret in plain text in config: DB_PASSWORD.');
    expect(f!.message + f!.suggestion).not.toContain('hunter2');
    expect(findingsOf(m({ ANY: 'AKIAIOSFODNN7EXAMPLE' }), 'security.plaintext-secret')).toHaveLength(1);
    expect(findingsOf(m({ KEY_FILE: '-----BEGIN RSA PRIVATE KEY-----\nMII...' }), 'security.plaintext-secret')).toHaveLength(1);
    for (const ref of ['env:DB_PASSWORD', 'vault:kv/db#password', 'secret:db', '${DB_PASSWORD}']) {
      expect(findingsOf(m({ DB_PASSWORD: ref }), 'security.plaintext-secret')).toHaveLength(0);
    }
  });

  it('security.unversioned-api fires on a public REST api without a version', () => {
    const api = (extra: Record<string, unknown>) => pair({ kind: 'client' }, svc({ api: { endpoints: [], ...extra } }));
    expect(findingsOf(api({}), 'security.unversioned-api')[0]!.severity).toBe('info');
    expect(findingsOf(api({ version: 'v1' }), 'security.unversioned-api')).toHaveLength(0);
    expect(findingsOf(api({ style: 'grpc' }), 'security.unversioned-api')).toHaveLength(0);
    expect(findingsOf(pair(svc(), svc({ api: {} })), 'security.unversioned-api')).toHaveLength(0);
  });

  it('security.missing-input-schema fires on POST/PUT/PATCH without a request schema', () => {
    const m = (endpoints: unknown[]) => model({ schemas: { Order: { type: 'object' } }, nodes: { a: svc({ api: { version: 'v1', endpoints } }) } });
    const [f] = findingsOf(m([{ id: 'create', method: 'POST', path: '/orders' }, { id: 'list', method: 'GET', path: '/orders' }]), 'security.missing-input-schema');
    expect(f!.message).toContain('a: POST /orders (create) takes a body with no request schema');
    expect(findingsOf(m([{ id: 'create', method: 'POST', path: '/orders', request: 'Order' }]), 'security.missing-input-schema')).toHaveLength(0);
  });

  it('security.graphql-depth fires on a public GraphQL api behind a gateway without maxQueryDepth', () => {
    const m = (api: Record<string, unknown>, trust: 'public' | 'internal' = 'public') =>
      model({
        nodes: { web: { kind: 'client', trust }, gw: { kind: 'gateway' }, gql: svc({ api: { style: 'graphql', ...api } }) },
        links: [
          { from: 'web', to: 'gw' },
          { from: 'gw', to: 'gql', timeoutMs: 100 },
        ],
      });
    expect(findingsOf(m({}), 'security.graphql-depth')[0]!.nodes).toEqual(['gql']);
    expect(findingsOf(m({ maxQueryDepth: 8 }), 'security.graphql-depth')).toHaveLength(0);
    expect(findingsOf(m({}, 'internal'), 'security.graphql-depth')).toHaveLength(0);
  });
});

describe('observability rules', () => {
  const obs = (observability: Record<string, string> | undefined, kind: 'service' | 'database' = 'service') =>
    model({ nodes: { a: { kind, observability } as ModelNode } });

  it('observability.missing-health fires when liveness or readiness is missing', () => {
    expect(findingsOf(obs(undefined), 'observability.missing-health')[0]!.message).toContain('no liveness or readiness probe');
    expect(findingsOf(obs({ liveness: '/health' }), 'observability.missing-health')[0]!.suggestion).toContain('readiness: /ready');
    expect(findingsOf(obs({ liveness: '/health', readiness: '/ready' }), 'observability.missing-health')).toHaveLength(0);
    expect(findingsOf(obs(undefined, 'database'), 'observability.missing-health')).toHaveLength(0);
  });

  it('observability.missing-metrics and missing-tracing fire on their own fields', () => {
    expect(findingsOf(obs({}), 'observability.missing-metrics')).toHaveLength(1);
    expect(findingsOf(obs({ metrics: '/metrics' }), 'observability.missing-metrics')).toHaveLength(0);
    expect(findingsOf(obs({}), 'observability.missing-tracing')[0]!.severity).toBe('info');
    expect(findingsOf(obs({ tracing: 'otel' }), 'observability.missing-tracing')).toHaveLength(0);
  });
});

describe('design rules', () => {
  it('design.orphan fires on a node without links; a deadLetter counts as one', () => {
    const m = model({
      nodes: { lonely: svc(), q: { kind: 'queue', deadLetter: 'dlq' }, dlq: { kind: 'queue' }, a: svc() },
      links: [{ from: 'a', to: 'q' }],
    });
    expect(findingsOf(m, 'design.orphan').map((f) => f.nodes[0])).toEqual(['lonely']);
  });

  it('design.sync-saga fires on synchronous writes across contexts, at the service that starts them', () => {
    const m = (paymentsLink: Partial<Link>) =>
      model({
        nodes: {
          gw: { kind: 'gateway' },
          orders: svc({ context: 'ordering' }),
          'orders-db': { kind: 'database', owner: 'orders' },
          payments: svc({ context: 'billing', api: { version: 'v1', endpoints: [{ id: 'charge', method: 'POST', path: '/charges' }] } }),
        },
        links: [
          { from: 'gw', to: 'orders', access: 'write', timeoutMs: 900 },
          { from: 'orders', to: 'orders-db', access: 'readwrite', timeoutMs: 100 },
          { from: 'orders', to: 'payments', endpoint: 'charge', timeoutMs: 500, ...paymentsLink },
        ],
      });
    const [f, ...rest] = findingsOf(m({}), 'design.sync-saga');
    expect(rest).toHaveLength(0);
    // orders-db takes its owner's context: ordering and billing.
    expect(f!.nodes).toEqual(['orders', 'orders-db', 'payments']);
    expect(f!.message).toContain('One request to orders writes synchronously to orders-db (ordering) and payments (billing) across 2 bounded contexts');
    expect(f!.suggestion).toContain('outbox');
    expect(findingsOf(m({ async: true }), 'design.sync-saga')).toHaveLength(0);
    expect(findingsOf(m({ access: 'read' }), 'design.sync-saga')).toHaveLength(0);
  });
});
