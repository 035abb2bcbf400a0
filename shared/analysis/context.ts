/**
 * Everything the rules read: the indexed graph and the section 4 figures,
 * computed once per analysis. Rules never recompute a figure.
 */
import { replicasOf, sloOf, thresholdsOf } from '../model/defaults';
import type { Model } from '../model/types';
import { computeAvailability, planAvailability, type Availability, type AvailabilityPlan } from './availability';
import { buildGraph, rebindGraph, sameShape, shapeOf, type Graph, type Shape } from './graph';
import { computeLatencies, planLatencies, type LatencyPlan, type Latencies } from './latency';
import { computeLoads, planLoads, type LoadPlan, type Loads } from './load';
import { computeSyncPaths, type SyncPaths } from './paths';

export interface AnalysisContext {
  model: Model;
  graph: Graph;
  slo: { availability: number; latencyP99Ms: number };
  thresholds: { hotspotUtilization: number; maxSyncDepth: number; maxRetryAmplification: number };
  loadFactor: number;
  load: Loads;
  /** capacity.rps x replicas; NaN when not capacity-checked. */
  capacity: Float64Array;
  /** load / capacity; NaN when either is missing or undefined. */
  utilization: Float64Array;
  latency: Latencies;
  availability: Availability;
  paths: SyncPaths;
  /** The smallest capacity / load, and where. */
  maxScale: number | null;
  bottleneck: number;
}

/**
 * The indexed graph and what the analysis derives from its shape alone
 * (components, closures, consumer shares). An edit that keeps the shape
 * (sameShape) reuses all of it; the figures are always computed afresh.
 */
export interface GraphPlan {
  graph: Graph;
  /** What the plan was built from, for comparing the next model with (kept by `replan` only). */
  shape?: Shape;
  load: LoadPlan;
  latency: LatencyPlan;
  availability: AvailabilityPlan;
}

export function planGraph(model: Model): GraphPlan {
  const graph = buildGraph(model);
  return { graph, load: planLoads(graph), latency: planLatencies(graph), availability: planAvailability(graph) };
}

/** The plan of `model`: `previous` rebound to it when the shape is unchanged, else a new one. */
export function replan(previous: GraphPlan | null, model: Model): GraphPlan {
  if (previous?.shape === undefined || !sameShape(previous.shape, model)) return { ...planGraph(model), shape: shapeOf(model) };
  return { ...previous, graph: rebindGraph(previous.graph, model) };
}

export function buildContext(model: Model, loadFactor = 1, plan: GraphPlan = planGraph(model)): AnalysisContext {
  const graph = plan.graph;
  const n = graph.ids.length;
  const load = computeLoads(graph, loadFactor, plan.load);
  const capacity = new Float64Array(n);
  const utilization = new Float64Array(n);
  let maxScale: number | null = null;
  let bottleneck = -1;
  for (let v = 0; v < n; v++) {
    const nd = graph.nodes[v]!;
    capacity[v] = nd.capacity ? nd.capacity.rps * replicasOf(nd) : NaN;
    utilization[v] = load.node[v]! / capacity[v]!;
    const l = load.node[v]!;
    if (!Number.isNaN(capacity[v]!) && l > 0) {
      const scale = capacity[v]! / l;
      // A load so small that the ratio overflows is no limit at all.
      if (Number.isFinite(scale) && (maxScale === null || scale < maxScale)) {
        maxScale = scale;
        bottleneck = v;
      }
    }
  }
  const latency = computeLatencies(graph, load.node, utilization, plan.latency);
  return {
    model,
    graph,
    slo: sloOf(model),
    thresholds: thresholdsOf(model),
    loadFactor,
    load,
    capacity,
    utilization,
    latency,
    availability: computeAvailability(graph, plan.availability),
    paths: computeSyncPaths(graph, latency.sync),
    maxScale,
    bottleneck,
  };
}

/** Helpers the rules share. */
export const nameOf = (ctx: AnalysisContext, v: number): string => ctx.graph.ids[v]!;
export const isPublicClient = (ctx: AnalysisContext, v: number): boolean => {
  const nd = ctx.graph.nodes[v]!;
  return nd.kind === 'client' && (nd.trust ?? 'public') === 'public';
};
