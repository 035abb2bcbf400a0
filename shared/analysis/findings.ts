/**
 * Runs the rules over a context, applies the `suppress` list and puts the
 * findings in a deterministic order: severity, rule, subject.
 */
import type { Suppression } from '../model/types';
import type { AnalysisContext } from './context';
import { RULES, RULES_BY_ID, type Rule } from './rules';
import { severityRank } from './severity';
import type { Finding } from './types';

export function runRules(ctx: AnalysisContext, rules: readonly Rule[] = RULES): Finding[] {
  // Rules in (severity, id) order, each rule's findings by subject: the same
  // order as sorting everything with compareFindings, at a fraction of the cost.
  const ordered = [...rules].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || cmp(a.id, b.id));
  const rank = idRanks(ctx);
  const findings: Finding[] = [];
  for (const rule of ordered) {
    const own: Finding[] = rule.check(ctx).map((raw) => ({
      rule: rule.id,
      severity: rule.severity,
      nodes: raw.nodes,
      links: raw.links ?? [],
      message: raw.message,
      suggestion: raw.suggestion,
      suppressed: false,
    }));
    // Subjects are node ids: compare their precomputed ranks, strings only on ties.
    const key = own.map((f) => rank.get(f.nodes[0] ?? '') ?? -1);
    const order = own.map((_, i) => i);
    order.sort((a, b) => key[a]! - key[b]! || compareSubjects(own[a]!, own[b]!));
    for (const i of order) findings.push(own[i]!);
  }
  applySuppressions(findings, ctx.model.suppress ?? []);
  return findings;
}

/** Ranks per id list: a graph rebound to an edited model of the same shape shares its ids, and so its ranks. */
const RANKS = new WeakMap<readonly string[], Map<string, number>>();

/** Each node id's position in sorted (code unit) order. */
function idRanks(ctx: AnalysisContext): Map<string, number> {
  const known = RANKS.get(ctx.graph.ids);
  if (known) return known;
  const sorted = [...ctx.graph.ids].sort(cmp);
  const rank = new Map<string, number>();
  for (let i = 0; i < sorted.length; i++) rank.set(sorted[i]!, i);
  RANKS.set(ctx.graph.ids, rank);
  return rank;
}

/**
 * A suppression matches on its rule and on its node and/or link: the node is
 * the finding's subject (for a link finding, either end of the link), the
 * link one of the finding's links. An entry with neither matches every
 * finding of the rule.
 */
export function suppressionMatches(s: Suppression, f: Finding): boolean {
  if (s.rule !== f.rule) return false;
  if (s.node !== undefined) {
    const linkSubject = RULES_BY_ID.get(f.rule)?.subject === 'link';
    const subjects = linkSubject ? f.nodes.slice(0, 2) : f.nodes.slice(0, 1);
    if (!subjects.includes(s.node)) return false;
  }
  if (s.link !== undefined && !f.links.includes(s.link)) return false;
  return true;
}

function applySuppressions(findings: Finding[], suppress: Suppression[]): void {
  if (suppress.length === 0) return;
  for (const f of findings) {
    const s = suppress.find((x) => suppressionMatches(x, f));
    if (s) {
      f.suppressed = true;
      f.suppressionReason = s.reason;
    }
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The order of findings: severity, rule, subject (node, then link), message. */
export function compareFindings(a: Finding, b: Finding): number {
  return severityRank(a.severity) - severityRank(b.severity) || cmp(a.rule, b.rule) || compareSubjects(a, b);
}

function compareSubjects(a: Finding, b: Finding): number {
  return cmp(a.nodes[0] ?? '', b.nodes[0] ?? '') || cmp(a.links[0] ?? '', b.links[0] ?? '') || cmp(a.message, b.message);
}
