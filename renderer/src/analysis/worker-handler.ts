/** The analysis worker's work, apart from the worker scope (so tests run it too). */
import { createAnalyzer } from '../../../shared/analysis';
import type { Model } from '../../../shared/model/types';
import { applyDelta, changesTopology } from './model-delta';
import type { AnalysisRequest, AnalysisResponse } from './protocol';
import { createResultEncoder } from './result-codec';

/** A handler holding its own copy of the model (updated by each request's delta) and what it sent last. */
export function createAnalysisHandler(): (req: AnalysisRequest) => { response: AnalysisResponse; transfer: ArrayBuffer[] } {
  let model: Model | null = null;
  const encode = createResultEncoder();
  // Keeps graph indexes and closures between edits that keep the model's shape.
  const analyzer = createAnalyzer();
  return ({ id, delta, options }) => {
    const t0 = performance.now();
    try {
      const topology = changesTopology(model, delta);
      model = applyDelta(model, delta);
      const result = analyzer.analyze(model, options);
      const durationMs = performance.now() - t0;
      const { message, transfer } = encode(result, topology);
      return { response: { id, result: message, durationMs }, transfer };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { response: { id, error: message, durationMs: performance.now() - t0 }, transfer: [] };
    }
  };
}
