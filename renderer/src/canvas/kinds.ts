/** How each node kind looks: a label, a tint and a 24x24 stroke icon. */
import { NODE_KINDS, type NodeKind } from '../../../shared/model/schema';

export interface KindLook {
  label: string;
  /** Icon and chip tint; harmonious mid-tones that stay legible on white and on dark. */
  color: string;
  group: 'Entry' | 'Compute' | 'Data' | 'Messaging' | 'Other';
  icon: string;
}

export const KIND_LOOK: Readonly<Record<NodeKind, KindLook>> = {
  client: { label: 'Client', color: '#64748b', group: 'Entry', icon: 'M3 5h18v11H3z M8 20h8 M12 16v4' },
  cdn: {
    label: 'CDN',
    color: '#0891b2',
    group: 'Entry',
    icon: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M3 12h18 M12 3c3.5 3.5 3.5 14.5 0 18 M12 3c-3.5 3.5-3.5 14.5 0 18',
  },
  loadbalancer: {
    label: 'Load balancer',
    color: '#7c3aed',
    group: 'Entry',
    icon: 'M12 3v6 M5 21v-5l7-7 7 7v5 M12 9v12',
  },
  gateway: { label: 'Gateway', color: '#4f46e5', group: 'Entry', icon: 'M3 21V9l9-6 9 6v12 M9 21v-6h6v6' },
  service: {
    label: 'Service',
    color: '#2563eb',
    group: 'Compute',
    icon: 'M12 3l8 4.5v9L12 21l-8-4.5v-9z M12 12l8-4.5 M12 12v9 M12 12L4 7.5',
  },
  worker: {
    label: 'Worker',
    color: '#0d9488',
    group: 'Compute',
    icon: 'M12 8.5a3.5 3.5 0 1 0 0 7a3.5 3.5 0 1 0 0-7z M12 2v3 M12 19v3 M2 12h3 M19 12h3 M4.9 4.9l2.1 2.1 M17 17l2.1 2.1 M4.9 19.1L7 17 M17 7l2.1-2.1',
  },
  function: { label: 'Function', color: '#d97706', group: 'Compute', icon: 'M6 4h3.5l8.5 16 M12.2 10.5L6.5 20' },
  database: {
    label: 'Database',
    color: '#059669',
    group: 'Data',
    icon: 'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3z M4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6 M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
  },
  cache: { label: 'Cache', color: '#dc2626', group: 'Data', icon: 'M13 2L4.5 13.5h7L10.5 22 19.5 10h-7z' },
  storage: { label: 'Storage', color: '#65a30d', group: 'Data', icon: 'M3 4h18v4H3z M5 8v12h14V8 M10 12h4' },
  queue: { label: 'Queue', color: '#db2777', group: 'Messaging', icon: 'M3 6h4v12H3z M10 6h4v12h-4z M17 6h4v12h-4z' },
  topic: {
    label: 'Topic',
    color: '#c026d3',
    group: 'Messaging',
    icon: 'M12 10a2 2 0 1 0 0 4a2 2 0 1 0 0-4z M7.8 7.8a6 6 0 0 0 0 8.4 M16.2 7.8a6 6 0 0 1 0 8.4 M4.9 4.9a10 10 0 0 0 0 14.2 M19.1 4.9a10 10 0 0 1 0 14.2',
  },
  external: {
    label: 'External',
    color: '#78716c',
    group: 'Other',
    icon: 'M7 18h10a4 4 0 0 0 .8-7.9A6 6 0 0 0 6.3 9 4.5 4.5 0 0 0 7 18z',
  },
};

export const PALETTE_KINDS: readonly NodeKind[] = [
  'client',
  'cdn',
  'loadbalancer',
  'gateway',
  'service',
  'worker',
  'function',
  'database',
  'cache',
  'storage',
  'queue',
  'topic',
  'external',
];

// Every kind must be in the palette.
if (PALETTE_KINDS.length !== NODE_KINDS.length) throw new Error('palette is missing a node kind');
