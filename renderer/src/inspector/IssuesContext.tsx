import { createContext, useContext } from 'react';
import type { IssueIndex } from './validation';
import { pathKey } from './validation';

export const IssuesContext = createContext<IssueIndex>(new Map());

/** Messages for exactly this path. */
export function useFieldIssues(path: readonly (string | number)[]): string[] | undefined {
  return useContext(IssuesContext).get(pathKey(path));
}
