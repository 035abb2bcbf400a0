/** What parsing a `*.keel.yaml` text gives back (implemented in shared/parse/parse.ts). */
import type { Problem } from '../api/contract';
import type { Model } from '../model/types';

export type { Problem };

/** A path into the model, as zod and the analysis name it: ['nodes', 'orders', 'replicas']. */
export type ModelPath = readonly (string | number)[];

export interface Position {
  line: number;
  col: number;
}

export interface ParseResult {
  /** Present only when there are no problems. */
  model?: Model;
  problems: Problem[];
  /**
   * Position of the YAML node at `path` (or of its nearest existing ancestor),
   * 1-based; {line: 1, col: 1} when the text has no such node at all.
   * Analysis findings use it to point at their subject in FILE:LINE:COL form.
   */
  locate(path: ModelPath): Position;
}
