/**
 * Defaults of format version 1 (model-format.md), applied when reading, never
 * written back: the model keeps exactly what the person wrote.
 */
import { API_KINDS, MESSAGING_KINDS, type NodeKind } from './schema';
import type { Link, Model, ModelNode, NodeOfKind, ResolvedLink } from './types';

export const DEFAULT_SLO = { availability: 99.9, latencyP99Ms: 200 } as const;
export const DEFAULT_THRESHOLDS = {
  hotspotUtilization: 0.8,
  maxSyncDepth: 5,
  maxRetryAmplification: 10,
} as const;

export function sloOf(model: Model): { availability: number; latencyP99Ms: number } {
  return { ...DEFAULT_SLO, ...stripUndefined(model.slo ?? {}) };
}

export function thresholdsOf(model: Model): {
  hotspotUtilization: number;
  maxSyncDepth: number;
  maxRetryAmplification: number;
} {
  return { ...DEFAULT_THRESHOLDS, ...stripUndefined(model.analysis ?? {}) };
}

export const replicasOf = (n: ModelNode): number => n.replicas ?? 1;
export const latencyOf = (n: ModelNode): number => n.latencyMs ?? 0;
export const availabilityOf = (n: ModelNode): number => n.availability ?? 99.9;
export const displayName = (id: string, n: ModelNode): string => n.name ?? id;
export const callsOf = (l: Link): number => l.calls ?? 1;
export const retriesOf = (l: Link): number => l.retries ?? 0;

export function isApiKind(kind: NodeKind): kind is (typeof API_KINDS)[number] {
  return (API_KINDS as readonly string[]).includes(kind);
}

export function isMessagingKind(kind: NodeKind): kind is (typeof MESSAGING_KINDS)[number] {
  return (MESSAGING_KINDS as readonly string[]).includes(kind);
}

export function hasApi(n: ModelNode): n is NodeOfKind<(typeof API_KINDS)[number]> {
  return isApiKind(n.kind);
}

export function isMessaging(n: ModelNode): n is NodeOfKind<'queue' | 'topic'> {
  return isMessagingKind(n.kind);
}

export type LinkMode = 'sync' | 'async' | 'publish' | 'consume';

/** Section 3: to a queue/topic is a publish, from one is a consume, `async: true` is fire-and-forget. */
export function linkMode(model: Model, link: Link): LinkMode {
  const to = model.nodes[link.to];
  const from = model.nodes[link.from];
  if (to && isMessaging(to)) return 'publish';
  if (from && isMessaging(from)) return 'consume';
  return link.async ? 'async' : 'sync';
}

/** Links with their default ids: `from->to`, then `from->to#2` for a second one. */
export function resolveLinks(model: Model): ResolvedLink[] {
  const seen = new Map<string, number>();
  return (model.links ?? []).map((link, index) => {
    if (link.id) return { ...link, id: link.id, index };
    const base = `${link.from}->${link.to}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { ...link, id: n === 1 ? base : `${base}#${n}`, index };
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
