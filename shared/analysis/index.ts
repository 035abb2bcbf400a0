/**
 * The analysis engine: `analyze(model)` gives the section 6 result of
 * model-format.md (figures per node, entry and link; findings; summary), and
 * with options the same under a load factor and with failed nodes. Pure: it
 * never changes the model it reads.
 */
import type { Model } from '../model/types';
import { buildContext, planGraph, replan, type AnalysisContext, type GraphPlan } from './context';
import { runRules } from './findings';
import type { AnalysisResult, EntryFigures, Finding, LinkFigures, NodeFigures, WhatIfOptions } from './types';
import { whatIf } from './whatif';

export type * from './types';
export { SEVERITIES } from './types';
export { RULES, RULES_BY_ID, type Rule } from './rules';
export { buildContext, planGraph, type AnalysisContext, type GraphPlan } from './context';
export { formatText, type TextOptions } from './format-text';
export { toSarif, type SarifOptions } from './sarif';
export { atOrAbove } from './severity';
export { keyLocator, subjectPath, type Locate } from './locate';

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function analyze(model: Model, options: WhatIfOptions = {}): AnalysisResult {
  return analyzeWith(model, options, planGraph(model));
}

/** An analysis that keeps what it derived from the model's shape between runs. */
export interface Analyzer {
  /** The same result as `analyze(model, options)`. */
  analyze(model: Model, options?: WhatIfOptions): AnalysisResult;
}

/**
 * For the canvas, which re-analyses on every edit: an edit that leaves node
 * ids, kinds and the links' ends, ids, async/optional flags and groups alone
 * (capacity, replicas, rps, latency, calls, timeouts, retries, ...) reuses
 * the graph indexes, components and closures of the previous run; loads,
 * latencies, availabilities and findings are computed afresh in linear time.
 * Any other edit rebuilds them. Models are read, never changed or kept beyond
 * the comparison with the next one.
 */
export function createAnalyzer(): Analyzer {
  let plan: GraphPlan | null = null;
  return {
    analyze(model, options = {}) {
      plan = replan(plan, model);
      return analyzeWith(model, options, plan);
    },
  };
}

function analyzeWith(model: Model, options: WhatIfOptions, plan: GraphPlan): AnalysisResult {
  // A factor that is not a finite, non-negative number would poison every figure: treat it as 1.
  const requested = options.loadFactor ?? 1;
  const loadFactor = Number.isFinite(requested) && requested >= 0 ? requested : 1;
  const ctx = buildContext(model, loadFactor, plan);
  const findings = runRules(ctx);
  const result: AnalysisResult = {
    summary: summarize(ctx, findings),
    nodes: nodeFigures(ctx),
    entries: entryFigures(ctx),
    findings,
  };
  lazy(result, 'links', () => linkFigures(ctx));
  if (options.loadFactor !== undefined || options.failed !== undefined) {
    result.whatIf = whatIf(ctx, options.failed ?? []);
  }
  return result;
}

function summarize(ctx: AnalysisContext, findings: Finding[]): AnalysisResult['summary'] {
  const count = { critical: 0, warning: 0, info: 0 };
  for (const f of findings) if (!f.suppressed) count[f.severity]++;
  return {
    ...count,
    maxScale: ctx.maxScale,
    bottleneck: ctx.bottleneck >= 0 ? ctx.graph.ids[ctx.bottleneck]! : null,
  };
}

/** Up to this many blast-radius entries per node on average, the lists are built at once (cheaper than an accessor per node). */
const EAGER_BLAST_PER_NODE = 32;

function nodeFigures(ctx: AnalysisContext): Record<string, NodeFigures> {
  const g = ctx.graph;
  const av = ctx.availability;
  const out: Record<string, NodeFigures> = {};
  let total = 0;
  for (let c = 0; c < av.clients.length; c++) total += av.closureSize[c]!;
  const eager = total <= EAGER_BLAST_PER_NODE * g.ids.length;
  for (let v = 0; v < g.ids.length; v++) {
    const load = ctx.load.node[v]!;
    const capacity = ctx.capacity[v]!;
    out[g.ids[v]!] = {
      load: finiteOrNull(load),
      capacity: finiteOrNull(capacity),
      utilization: finiteOrNull(ctx.utilization[v]!),
      latencyMs: finiteOrNull(ctx.latency.node[v]!),
      availability: av.node[v]! * 100,
      blastRadius: eager ? blastRadius(ctx, v) : [],
      latencyUnbounded: ctx.latency.node[v]! === Infinity,
      onCycle: ctx.load.onCycle[v] === 1 || ctx.latency.sync.cyclic[ctx.latency.sync.comp[v]!] === true,
    };
    if (!eager) lazy(out[g.ids[v]!]!, 'blastRadius', () => blastRadius(ctx, v));
  }
  return out;
}

const blastRadius = (ctx: AnalysisContext, v: number): string[] => ctx.availability.blastIdsOf(v, ctx.graph.ids);

/**
 * Figures that are large and often unread (blast radii: millions of entries
 * in all on a large model; per-link figures) are computed when first read.
 * The property is an own enumerable one, so JSON, structuredClone and
 * spreading see plain data.
 */
function lazy<T extends object, K extends keyof T>(obj: T, key: K, compute: () => T[K]): void {
  const settle = (value: T[K]) => Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      // A frozen result (an immutable store) cannot cache the value: compute it each time instead.
      if (!Object.isFrozen(obj)) settle(value);
      return value;
    },
    set(value: T[K]) {
      settle(value);
    },
  });
}

function entryFigures(ctx: AnalysisContext): Record<string, EntryFigures> {
  const g = ctx.graph;
  const av = ctx.availability;
  const out: Record<string, EntryFigures> = {};
  av.clients.forEach((c, i) => {
    const nd = g.nodes[c]!;
    out[g.ids[c]!] = {
      rps: (nd.kind === 'client' ? (nd.rps ?? 0) : 0) * ctx.loadFactor,
      latencyMs: finiteOrNull(ctx.latency.node[c]!),
      availability: av.entry[i]! * 100,
      latencyUnbounded: ctx.latency.node[c]! === Infinity,
      dependsOn: av.closureSize[i]!,
    };
  });
  return out;
}

function linkFigures(ctx: AnalysisContext): Record<string, LinkFigures> {
  const out: Record<string, LinkFigures> = {};
  for (const l of ctx.graph.links) {
    out[l.id] = { load: finiteOrNull(ctx.load.link[l.i]!), from: l.link.from, to: l.link.to, mode: l.mode, index: l.i };
  }
  return out;
}
