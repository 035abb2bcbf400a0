/**
 * The change in the analysis between two revisions: findings that appeared,
 * findings that were resolved, and how far the system can scale before and after.
 */
import type { AnalysisResult, Finding } from '../analysis/types';

export interface AnalysisDiff {
  newFindings: Finding[];
  resolvedFindings: Finding[];
  maxScale: { before: number | null; after: number | null };
  bottleneck: { before: string | null; after: string | null };
  entries: { id: string; before: { latencyMs: number | null; availability: number } | null; after: { latencyMs: number | null; availability: number } | null }[];
}

/**
 * A finding is "the same" across revisions when its rule, its subject (the
 * first node) and its links match: the message and the other nodes it names
 * (the weakest dependencies, a path) carry figures that move with any edit.
 */
export function findingKey(f: Finding): string {
  return `${f.rule}|${f.nodes[0] ?? ''}|${f.links.join(',')}`;
}

export function diffAnalysis(before: AnalysisResult, after: AnalysisResult): AnalysisDiff {
  const active = (r: AnalysisResult) => r.findings.filter((f) => !f.suppressed);
  const beforeKeys = new Set(active(before).map(findingKey));
  const afterKeys = new Set(active(after).map(findingKey));
  const ids = [...new Set([...Object.keys(before.entries), ...Object.keys(after.entries)])].sort();
  const pick = (e: AnalysisResult['entries'][string] | undefined) =>
    e ? { latencyMs: e.latencyMs, availability: e.availability } : null;
  return {
    newFindings: active(after).filter((f) => !beforeKeys.has(findingKey(f))),
    resolvedFindings: active(before).filter((f) => !afterKeys.has(findingKey(f))),
    maxScale: { before: before.summary.maxScale, after: after.summary.maxScale },
    bottleneck: { before: before.summary.bottleneck, after: after.summary.bottleneck },
    entries: ids.map((id) => ({ id, before: pick(before.entries[id]), after: pick(after.entries[id]) })),
  };
}
