/**
 * Validation of a parsed model: the zod schema first, then every cross
 * reference. Runs on each canvas edit, so it makes one pass over the value
 * and builds no per-node structures beyond a few id sets.
 */
import { ModelSchema } from '../model/schema';
import { fromZodIssue, type Issue } from './issues';
import { checkReferences } from './references';

export type { Issue, IssuePath } from './issues';

export function validateModel(value: unknown): Issue[] {
  const issues: Issue[] = [];
  const result = ModelSchema.safeParse(value, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) issues.push(...fromZodIssue(issue, value));
  }
  return mergeIssues(issues, checkReferences(value));
}

/** The schema's issues, then the reference issues at paths the schema did not already report. */
export function mergeIssues(schemaIssues: Issue[], referenceIssues: Issue[]): Issue[] {
  // A value the schema already rejected (e.g. an invalid id) need not also be an unknown reference.
  const seen = new Set(schemaIssues.map((i) => pathKey(i.path)));
  const issues = [...schemaIssues];
  for (const issue of referenceIssues) {
    if (!seen.has(pathKey(issue.path))) issues.push(issue);
  }
  return issues;
}

const pathKey = (path: readonly (string | number)[]) => path.join('\u0000');
