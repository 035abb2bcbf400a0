/** Messages between the analysis client (UI thread) and the analysis worker. Plain data, structured-clone safe. */
import type { AnalysisResult, WhatIfOptions } from '../../../shared/analysis/types';
import type { ModelDelta } from './model-delta';

export interface AnalysisRequest {
  id: number;
  /** The model as a change to the one the worker holds from the previous request. */
  delta: ModelDelta;
  options: WhatIfOptions;
}

export type AnalysisResponse =
  | { id: number; result: AnalysisResult; durationMs: number }
  | { id: number; error: string; durationMs: number };
