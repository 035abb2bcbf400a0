/**
 * Comparing two revisions: the model diff (shared/compare) plus the change in
 * the analysis, and what the canvas should highlight.
 */
import { analyze } from '../../../shared/analysis';
import { diffAnalysis, diffModels, type AnalysisDiff, type ModelDiff } from '../../../shared/compare';
import { nodeSize } from '../../../shared/diagram';
import type { Model } from '../../../shared/model/types';

export interface Comparison {
  model: ModelDiff;
  analysis: AnalysisDiff;
  highlight: CompareHighlight;
}

export interface GhostBox {
  id: string;
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CompareHighlight {
  added: string[];
  changed: string[];
  /** Removed nodes at their old positions (when they had one), drawn as ghost outlines. */
  removed: GhostBox[];
  addedLinks: string[];
  changedLinks: string[];
}

export function compareModels(before: Model, after: Model): Comparison {
  const model = diffModels(before, after);
  const analysis = diffAnalysis(analyze(before), analyze(after));
  const removed: GhostBox[] = [];
  for (const id of model.nodes.removed) {
    const n = before.nodes[id];
    const p = before.layout?.[id];
    if (!n || !p) continue;
    const size = nodeSize(n.kind);
    removed.push({ id, name: n.name ?? id, x: p.x, y: p.y, width: size.width, height: size.height });
  }
  return {
    model,
    analysis,
    highlight: {
      added: model.nodes.added,
      changed: model.nodes.changed.map((c) => c.id),
      removed,
      addedLinks: model.links.added,
      changedLinks: model.links.changed.map((c) => c.id),
    },
  };
}

/** A value as the compare list shows it: short, one line. */
export function showValue(v: unknown): string {
  if (v === undefined) return '—';
  if (typeof v === 'string') return v.length > 60 ? `${v.slice(0, 57)}…` : v;
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

export function formatScale(s: number | null): string {
  if (s === null) return 'unbounded';
  return `×${s >= 10 ? s.toFixed(0) : s.toFixed(2)}`;
}
