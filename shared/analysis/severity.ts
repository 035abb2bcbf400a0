import type { Severity } from './types';

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** Whether `s` is at or above `threshold` (critical > warning > info). */
export const atOrAbove = (s: Severity, threshold: Severity): boolean => RANK[s] <= RANK[threshold];
export const severityRank = (s: Severity): number => RANK[s];
