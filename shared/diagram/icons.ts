/**
 * The visual language of node kinds, shared by the canvas and the SVG export:
 * a 24x24 stroke icon (fill none, stroke currentColor, ICON_STROKE), a label
 * and a colour.
 */
import type { NodeKind } from '../model';

export interface KindStyle {
  label: string;
  /** Path data in a 24x24 box (several subpaths in one string). */
  icon: string;
  /** Icon and accent colour; mid-tones that stay legible on white and on dark. */
  color: string;
  group: 'Entry' | 'Compute' | 'Data' | 'Messaging' | 'Other';
}

export const ICON_VIEWBOX = '0 0 24 24';

/** The canvas (renderer/src/canvas/kinds.ts) uses these too, so the export looks like the studio. */
export const KIND_STYLE: Readonly<Record<NodeKind, KindStyle>> = {
  client: { label: 'Client', color: '#64748b', group: 'Entry', icon: 'M3 5h18v11H3z M8 20h8 M12 16v4' },
  cdn: {
    label: 'CDN',
    color: '#0891b2',
    group: 'Entry',
    icon: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M3 12h18 M12 3c3.5 3.5 3.5 14.5 0 18 M12 3c-3.5 3.5-3.5 14.5 0 18',
  },
  loadbalancer: { label: 'Load balancer', color: '#7c3aed', group: 'Entry', icon: 'M12 3v6 M5 21v-5l7-7 7 7v5 M12 9v12' },
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

/** Stroke attributes every kind icon is drawn with. */
export const ICON_STROKE = { width: 1.75, linecap: 'round', linejoin: 'round' } as const;

export function kindStyle(kind: NodeKind): KindStyle {
  return KIND_STYLE[kind] ?? KIND_STYLE.service;
}

/** Colour for a utilisation (load / capacity): calm below 50 %, amber to the hotspot threshold, red at saturation. */
export function heatColor(utilization: number, hotspot = 0.8): string {
  if (utilization >= 1) return '#dc2626';
  if (utilization >= hotspot) return '#ea580c';
  if (utilization >= 0.5) return '#ca8a04';
  return '#16a34a';
}

/** Link styles: sync solid, anything asynchronous dashed. */
export const LINK_STYLE = {
  sync: { color: '#64748b', dash: null },
  async: { color: '#7c3aed', dash: '6 4' },
} as const;
