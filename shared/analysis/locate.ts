/** Where a finding points in the YAML: its subject node's key, or its link's entry. */
import type { ModelPath, Position } from '../parse/types';
import { RULES_BY_ID } from './rules';
import type { AnalysisResult, Finding } from './types';

export type Locate = (path: ModelPath) => Position;

export function subjectPath(result: AnalysisResult, f: Finding): ModelPath {
  const linkSubject = RULES_BY_ID.get(f.rule)?.subject === 'link';
  const link = f.links[0] !== undefined ? result.links?.[f.links[0]] : undefined;
  if (linkSubject && link) return ['links', link.index];
  if (f.nodes[0] !== undefined) return ['nodes', f.nodes[0]];
  return [];
}

export function findingPosition(result: AnalysisResult, f: Finding, locate?: Locate): Position {
  return locate ? locate(subjectPath(result, f)) : { line: 1, col: 1 };
}
