/** Messages between the analysis client (UI thread) and the analysis worker. Plain data, structured-clone safe. */
import type { WhatIfOptions } from '../../../shared/analysis/types';
import type { ModelDelta } from './model-delta';
import type { EncodedResult } from './result-codec';

export interface AnalysisRequest {
  id: number;
  /** The model as a change to the one the worker holds from the previous request. */
  delta: ModelDelta;
  options: WhatIfOptions;
}

export type AnalysisResponse =
  | { id: number; result: EncodedResult; durationMs: number }
  | { id: number; error: string; durationMs: number };
