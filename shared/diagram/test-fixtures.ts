/** Hand-written models for the diagram tests. */
import type { Model } from '../model';

/** A small shop: two contexts, a node without context, sync and async links. */
export const shop: Model = {
  keel: 1,
  name: 'Shop',
  contexts: { storefront: { name: 'Storefront' }, ordering: { name: 'Ordering' } },
  nodes: {
    shoppers: { kind: 'client', rps: 100 },
    gateway: { kind: 'gateway' },
    web: { kind: 'service', context: 'storefront' },
    catalog: { kind: 'service', context: 'storefront' },
    'catalog-db': { kind: 'database', context: 'storefront' },
    orders: { kind: 'service', context: 'ordering' },
    'orders-db': { kind: 'database', context: 'ordering' },
    'order-events': { kind: 'topic', context: 'ordering' },
    shipping: { kind: 'worker' },
  },
  links: [
    { from: 'shoppers', to: 'gateway' },
    { from: 'gateway', to: 'web' },
    { from: 'web', to: 'catalog' },
    { from: 'catalog', to: 'catalog-db' },
    { from: 'gateway', to: 'orders' },
    { from: 'orders', to: 'orders-db' },
    { from: 'orders', to: 'orders-db' },
    { from: 'orders', to: 'order-events' },
    { from: 'order-events', to: 'shipping' },
  ],
};
