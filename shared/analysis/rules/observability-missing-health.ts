import type { Rule } from './rule';
import { missingObservability } from './observability-util';

export const rule: Rule = {
  id: 'observability.missing-health',
  severity: 'warning',
  subject: 'node',
  title: 'No liveness or readiness probe',
  when: 'a service, gateway or worker lacks observability.liveness or observability.readiness.',
  why: 'Without liveness the orchestrator cannot restart a hung instance; without readiness it sends traffic to instances that are starting or draining.',
  fix: 'Expose /health (liveness: the process works) and /ready (readiness: its dependencies answer) and declare both.',
  check(ctx) {
    const defaults = { liveness: '/health', readiness: '/ready' } as const;
    return missingObservability(ctx, ['liveness', 'readiness'], (id, missing) => ({
      message: `${id} declares no ${missing.join(' or ')} probe: the orchestrator cannot tell a hung or starting instance from a healthy one.`,
      suggestion: `Add observability: { ${missing.map((k) => `${k}: ${defaults[k as keyof typeof defaults]}`).join(', ')} } to ${id}.`,
    }));
  },
};
