/** The analysis worker's work, apart from the worker scope (so tests run it too). */
import { analyze } from '../../../shared/analysis';
import type { Model } from '../../../shared/model/types';
import { applyDelta } from './model-delta';
import type { AnalysisRequest, AnalysisResponse } from './protocol';

/** A handler holding its own copy of the model, updated by each request's delta. */
export function createAnalysisHandler(): (req: AnalysisRequest) => AnalysisResponse {
  let model: Model | null = null;
  return ({ id, delta, options }) => {
    const t0 = performance.now();
    try {
      model = applyDelta(model, delta);
      return { id, result: analyze(model, options), durationMs: performance.now() - t0 };
    } catch (error) {
      return { id, error: error instanceof Error ? error.message : String(error), durationMs: performance.now() - t0 };
    }
  };
}
