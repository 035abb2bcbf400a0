/** A small shop for the analysis UI's tests (parsed by the real schema; the renderer may not read files). */
import { ModelSchema } from '../../../shared/model/schema';
import type { Model } from '../../../shared/model/types';

export function shopModel(): Model {
  return ModelSchema.parse({
    keel: 1,
    name: 'Shop',
    nodes: {
      shoppers: { kind: 'client', rps: 400 },
      gateway: { kind: 'gateway', replicas: 2, capacity: { rps: 2000 }, latencyMs: 5 },
      orders: { kind: 'service', replicas: 3, capacity: { rps: 150 }, latencyMs: 30 },
      'orders-db': { kind: 'database', engine: 'postgres', capacity: { rps: 2000 }, latencyMs: 4 },
      'order-events': { kind: 'topic', broker: 'kafka', deadLetter: true },
      shipping: { kind: 'worker', replicas: 2 },
    },
    links: [
      { from: 'shoppers', to: 'gateway', protocol: 'https' },
      { from: 'gateway', to: 'orders', calls: 0.3, timeoutMs: 800 },
      { from: 'orders', to: 'orders-db', calls: 2, timeoutMs: 200 },
      { from: 'orders', to: 'order-events' },
      { from: 'order-events', to: 'shipping' },
    ],
    suppress: [{ rule: 'observability.missing-tracing', node: 'shipping', reason: 'Batch worker' }],
  });
}
