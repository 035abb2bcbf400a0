/** Test helper: a valid model from just its nodes and links (parsed by the real schema). */
import { ModelSchema } from '../model/schema';
import type { Model } from '../model/types';
import { analyze } from './index';
import type { Finding, WhatIfOptions } from './types';

export function model(parts: Partial<Model> & Pick<Model, 'nodes'>): Model {
  return ModelSchema.parse({ keel: 1, name: 'test', ...parts });
}

/** Findings of one rule. */
export function findingsOf(m: Model, rule: string, options?: WhatIfOptions): Finding[] {
  return analyze(m, options).findings.filter((f) => f.rule === rule);
}

/** Observability every service should carry, to keep tests about other rules quiet. */
export const OBSERVED = {
  observability: { liveness: '/health', readiness: '/ready', metrics: '/metrics', tracing: 'otel' },
} as const;
