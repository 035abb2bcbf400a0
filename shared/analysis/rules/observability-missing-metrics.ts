import type { Rule } from './rule';
import { missingObservability } from './observability-util';

export const rule: Rule = {
  id: 'observability.missing-metrics',
  severity: 'warning',
  subject: 'node',
  title: 'No metrics endpoint',
  when: 'a service, gateway or worker has no observability.metrics.',
  why: 'Without rate, errors and duration (RED) per endpoint, nobody sees saturation coming, and SLO alerts have nothing to fire on.',
  fix: 'Expose Prometheus metrics (/metrics) with RED metrics per endpoint and declare the path.',
  check(ctx) {
    return missingObservability(ctx, ['metrics'], (id) => ({
      message: `${id} exposes no metrics: its rate, errors and duration are invisible, so its SLO cannot be alerted on.`,
      suggestion: `Expose RED metrics on /metrics and set observability.metrics: /metrics on ${id}.`,
    }));
  },
};
