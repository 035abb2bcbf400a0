/** Where a finding points in the YAML: its subject node's key, or its link's entry. */
import { LineCounter, parseDocument } from 'yaml';
import { Locator } from '../parse/locate';
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

/**
 * A locate function for findings: a node's key in `nodes:` (not its value,
 * which is where ParseResult.locate points), a link's entry in `links:`.
 * The YAML document is built on the first call only.
 */
export function keyLocator(text: string): Locate {
  let locator: Locator | undefined;
  return (path) => {
    if (!locator) {
      const lineCounter = new LineCounter();
      locator = new Locator(parseDocument(text, { lineCounter, uniqueKeys: false }), lineCounter);
    }
    return locator.locate(path, true);
  };
}
