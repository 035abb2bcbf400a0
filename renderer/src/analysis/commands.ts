/** Model edits the analysis panel makes (through the studio store: undoable like any other edit). */
import { RULES_BY_ID } from '../../../shared/analysis';
import { suppressionMatches } from '../../../shared/analysis/findings';
import type { Finding } from '../../../shared/analysis/types';
import type { Suppression } from '../../../shared/model/types';
import type { Recipe } from '../state/store';

/** The `suppress` entry that accepts exactly this finding: its link for link rules, else its subject node. */
export function suppressionFor(f: Finding, reason: string): Suppression {
  const link = RULES_BY_ID.get(f.rule)?.subject === 'link' ? f.links[0] : undefined;
  if (link !== undefined) return { rule: f.rule, link, reason };
  if (f.nodes[0] !== undefined) return { rule: f.rule, node: f.nodes[0], reason };
  return { rule: f.rule, reason };
}

export const suppressFinding =
  (f: Finding, reason: string): Recipe =>
  (m) => {
    (m.suppress ??= []).push(suppressionFor(f, reason.trim()));
  };

/** Removes every `suppress` entry that matches the finding. */
export const unsuppressFinding =
  (f: Finding): Recipe =>
  (m) => {
    if (!m.suppress) return;
    const kept = m.suppress.filter((s) => !suppressionMatches(s as Suppression, f));
    if (kept.length === m.suppress.length) return;
    if (kept.length) m.suppress = kept;
    else delete m.suppress;
  };
