import type { Rule } from './rule';
import { missingObservability } from './observability-util';

export const rule: Rule = {
  id: 'observability.missing-tracing',
  severity: 'info',
  subject: 'node',
  title: 'No distributed tracing',
  when: 'a service, gateway or worker has no observability.tracing.',
  why: 'A slow request across services can only be explained with spans for every hop; one node without tracing breaks the trace.',
  fix: 'Instrument with OpenTelemetry (spans for incoming requests and every call to a DB, cache or service) and propagate the trace context.',
  check(ctx) {
    return missingObservability(ctx, ['tracing'], (id) => ({
      message: `${id} has no tracing: traces break at it, so slow requests through it cannot be followed.`,
      suggestion: `Instrument ${id} with OpenTelemetry and set observability.tracing: otel.`,
    }));
  },
};
