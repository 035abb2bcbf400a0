/**
 * `observability/alerts.yaml`: Prometheus alerting rules for the model's
 * SLOs. Per entry point (the nodes a client calls) multi-window burn-rate
 * alerts on the availability objective and a p99 latency alert on the budget;
 * per service an error-rate and a p99 latency alert. Metric names follow the
 * OpenTelemetry/Prometheus HTTP conventions (RED method).
 */
import type { AnalysisResult } from '../analysis/types';
import { displayName, linkMode, resolveLinks, sloOf, type Model } from '../model';
import { pascalCase } from './escape';
import { toYaml } from './yaml';

/** RED metric names per protocol: HTTP servers, gRPC servers (status code 0 is OK). */
const METRICS = {
  http: {
    requests: 'http_server_requests_total',
    duration: 'http_server_request_duration_seconds_bucket',
    failed: 'code=~"5.."',
  },
  grpc: {
    requests: 'rpc_server_requests_total',
    duration: 'rpc_server_duration_seconds_bucket',
    failed: 'rpc_grpc_status_code!="0"',
  },
} as const;
type Protocol = keyof typeof METRICS;

/** A PromQL string literal. */
function promString(value: string): string {
  return JSON.stringify(value);
}

function errorRatio(service: string, window: string, protocol: Protocol): string {
  const m = METRICS[protocol];
  const sel = `service=${promString(service)}`;
  return `sum(rate(${m.requests}{${sel},${m.failed}}[${window}])) / sum(rate(${m.requests}{${sel}}[${window}]))`;
}

function p99(service: string, window: string, protocol: Protocol): string {
  return `histogram_quantile(0.99, sum by (le) (rate(${METRICS[protocol].duration}{service=${promString(service)}}[${window}])))`;
}

function protocolOf(model: Model, id: string): Protocol {
  const node = model.nodes[id];
  return node && 'api' in node && node.api?.style === 'grpc' ? 'grpc' : 'http';
}

function round(n: number): number {
  return Number(n.toPrecision(6));
}

export function alertRules(model: Model, analysis?: AnalysisResult): Record<string, unknown> {
  const slo = sloOf(model);
  const budget = 1 - slo.availability / 100;
  const latencyS = slo.latencyP99Ms / 1000;
  const entryRules: Record<string, unknown>[] = [];
  const entryTargets = new Set<string>();
  for (const link of resolveLinks(model)) {
    const from = model.nodes[link.from];
    const to = model.nodes[link.to];
    if (from?.kind !== 'client' || !to || linkMode(model, link) !== 'sync' || entryTargets.has(link.to)) continue;
    if (!['gateway', 'service', 'function', 'loadbalancer', 'cdn'].includes(to.kind)) continue;
    entryTargets.add(link.to);
  }
  for (const id of entryTargets) {
    const name = displayName(id, model.nodes[id]!);
    const base = pascalCase(id);
    const protocol = protocolOf(model, id);
    // Multi-window, multi-burn-rate alerts (Google SRE workbook, chapter 5).
    for (const [sev, long, short, factor] of [
      ['page', '1h', '5m', 14.4],
      ['ticket', '6h', '30m', 6],
    ] as const) {
      entryRules.push({
        alert: `${base}ErrorBudgetBurn${sev === 'page' ? 'Fast' : 'Slow'}`,
        expr: `(${errorRatio(id, long, protocol)}) > ${round(factor * budget)} and (${errorRatio(id, short, protocol)}) > ${round(factor * budget)}`,
        for: sev === 'page' ? '2m' : '15m',
        labels: { severity: sev, service: id, slo: 'availability' },
        annotations: {
          summary: `${name}: error budget burning ${factor}x faster than the ${slo.availability}% SLO allows`,
          description: `Error ratio over ${long} and ${short} is above ${round(factor * budget * 100)}%. Entry point of the system.`,
        },
      });
    }
    entryRules.push({
      alert: `${base}LatencyP99AboveSlo`,
      expr: `${p99(id, '5m', protocol)} > ${round(latencyS)}`,
      for: '10m',
      labels: { severity: 'page', service: id, slo: 'latency' },
      annotations: {
        summary: `${name}: p99 latency above the ${slo.latencyP99Ms} ms objective`,
        description: `p99 over 5m is above ${slo.latencyP99Ms} ms for 10 minutes.`,
      },
    });
  }
  const serviceRules: Record<string, unknown>[] = [];
  for (const [id, node] of Object.entries(model.nodes)) {
    if (!['gateway', 'service', 'worker', 'function'].includes(node.kind)) continue;
    const name = displayName(id, node);
    const base = pascalCase(id);
    const protocol = protocolOf(model, id);
    const budgetMs = analysis?.nodes[id]?.latencyMs;
    const thresholdMs =
      budgetMs !== null && budgetMs !== undefined && budgetMs > 0 ? Math.max(budgetMs, 1) : slo.latencyP99Ms;
    serviceRules.push(
      {
        alert: `${base}HighErrorRate`,
        expr: `(${errorRatio(id, '5m', protocol)}) > ${round(budget * 10)}`,
        for: '5m',
        labels: { severity: 'warning', service: id },
        annotations: {
          summary: `${name}: more than ${round(budget * 1000)}% of requests fail`,
          description: `5xx ratio over 5m is ten times the error budget of the ${slo.availability}% SLO.`,
        },
      },
      {
        alert: `${base}LatencyP99High`,
        expr: `${p99(id, '5m', protocol)} > ${round(thresholdMs / 1000)}`,
        for: '10m',
        labels: { severity: 'warning', service: id },
        annotations: {
          summary: `${name}: p99 latency above ${round(thresholdMs)} ms`,
          description:
            budgetMs !== null && budgetMs !== undefined && budgetMs > 0
              ? `The design's latency budget for this node is ${round(budgetMs)} ms.`
              : `No per-node budget is known; the system objective of ${slo.latencyP99Ms} ms is used.`,
        },
      },
    );
  }
  const groups: Record<string, unknown>[] = [];
  if (entryRules.length) groups.push({ name: 'keel-slo-entries', rules: entryRules });
  if (serviceRules.length) groups.push({ name: 'keel-slo-services', interval: '1m', rules: serviceRules });
  return { groups };
}

export function alertsYaml(model: Model, analysis?: AnalysisResult): string {
  return toYaml(alertRules(model, analysis), 'Prometheus alerting rules generated by Keel from the design model SLOs.');
}
