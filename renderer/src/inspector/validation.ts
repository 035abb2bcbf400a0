/**
 * Inline validation: validateModel's issues for the current model, off the
 * typing path (after a short pause), indexed by path so each field finds its
 * own messages without scanning the list. One incremental validator serves
 * autosave and the inspector: after an edit only the changed entries are
 * validated again.
 */
import { useEffect, useState } from 'react';
import { createValidator, type Issue } from '../../../shared/parse';
import type { Model } from '../../../shared/model/types';
import { useStudio } from '../state/hooks';

export type IssueIndex = ReadonlyMap<string, string[]>;

export const pathKey = (path: readonly (string | number)[]) => path.join('.');

let cached: { model: Model; index: IssueIndex; issues: Issue[] } | null = null;
const validator = createValidator();

export function issuesOf(model: Model): { index: IssueIndex; issues: Issue[] } {
  if (cached?.model === model) return cached;
  const issues = validator.validate(model);
  const index = new Map<string, string[]>();
  for (const i of issues) {
    const k = pathKey(i.path);
    index.set(k, [...(index.get(k) ?? []), i.message]);
  }
  cached = { model, index, issues };
  return cached;
}

const EMPTY: IssueIndex = new Map();

export function useIssues(): { index: IssueIndex; issues: Issue[] } {
  const model = useStudio((s) => (s.inGesture ? null : s.model));
  const [state, setState] = useState<{ index: IssueIndex; issues: Issue[] }>({ index: EMPTY, issues: [] });
  useEffect(() => {
    if (!model) return;
    // After a pause, not on every keystroke or drag step: validating thousands of nodes costs a frame or more.
    const t = setTimeout(() => setState(issuesOf(model)), 250);
    return () => clearTimeout(t);
  }, [model]);
  return state;
}
