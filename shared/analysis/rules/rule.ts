/**
 * The shape of one analysis rule. Each rule is its own module: its id,
 * severity and the documentation (docs/rules.md is generated from these
 * fields), and a check that reads the precomputed figures.
 */
import type { AnalysisContext } from '../context';
import type { Severity } from '../types';

/** What a check reports; the engine adds rule, severity and suppression. */
export interface RawFinding {
  /** Subject first (section 6). For link findings: [from, to]. */
  nodes: string[];
  links?: string[];
  message: string;
  suggestion: string;
}

export interface Rule {
  id: string;
  severity: Severity;
  /** What the finding's location points at in the YAML: a node's key, or a link's entry. */
  subject: 'node' | 'link';
  title: string;
  /** Why it matters, for the rule reference. */
  why: string;
  /** How to fix it, for the rule reference. */
  fix: string;
  /** Fires when ... (one sentence, for the rule reference). */
  when: string;
  check(ctx: AnalysisContext): RawFinding[];
}
