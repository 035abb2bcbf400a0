/** Output of the analysis: section 6 of model-format.md (fixed keys; more may be added). */

export type Severity = 'critical' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

export interface Finding {
  rule: string;
  severity: Severity;
  /** Subject first: the node; the queue/topic for messaging rules; the client for entry rules. */
  nodes: string[];
  /** Link ids, for findings about a link. */
  links: string[];
  message: string;
  suggestion: string;
  suppressed: boolean;
  /** The reason from the matching `suppress` entry, when suppressed. */
  suppressionReason?: string;
}

export interface NodeFigures {
  /** Requests (or messages) per second; null when undefined (depends on a cycle). */
  load: number | null;
  /** capacity.rps x replicas; null when the node has no capacity. */
  capacity: number | null;
  /** load / capacity; null when either is missing or undefined. */
  utilization: number | null;
  /** Latency budget R(n) in ms; null when unbounded or undefined. */
  latencyMs: number | null;
  /** A(n) as a percent. */
  availability: number;
  /** Client ids whose hard-dependency closure holds this node. */
  blastRadius: string[];
  /** True when latencyMs is null because the budget is unbounded (a saturated node on the way), not undefined. */
  latencyUnbounded?: boolean;
  /** True when the node sits on a cycle (of sync links, or of load over any links). */
  onCycle?: boolean;
}

export interface EntryFigures {
  rps: number;
  /** Latency budget in ms; null when unbounded or undefined. */
  latencyMs: number | null;
  /** Percent: product of A over the hard-dependency closure. */
  availability: number;
  /** True when latencyMs is null because the budget is unbounded, not undefined. */
  latencyUnbounded?: boolean;
  /** Number of nodes in the hard-dependency closure. */
  dependsOn?: number;
}

export interface LinkFigures {
  /** Requests (or messages) per second the link carries; null when undefined. */
  load: number | null;
  from: string;
  to: string;
  mode: 'sync' | 'async' | 'publish' | 'consume';
  /** Position in the model's `links:` list (for locating it in the YAML). */
  index: number;
}

export interface AnalysisSummary {
  critical: number;
  warning: number;
  info: number;
  /** Factor by which all client load can grow before the first node saturates; null when nothing is capacity-checked. */
  maxScale: number | null;
  bottleneck: string | null;
}

export interface AnalysisResult {
  summary: AnalysisSummary;
  nodes: Record<string, NodeFigures>;
  entries: Record<string, EntryFigures>;
  findings: Finding[];
  /** Load per link id (requests or messages per second); null when undefined. */
  links?: Record<string, LinkFigures>;
  /** Present for what-if runs. */
  whatIf?: WhatIfResult;
}

/** What-if: the same analysis under a load factor and with failed nodes. Never edits the model. */
export interface WhatIfOptions {
  /** Every client's rps is multiplied by this (default 1). */
  loadFactor?: number;
  /** Node ids taken down. */
  failed?: string[];
}

export interface WhatIfResult {
  loadFactor: number;
  failed: string[];
  /** Entries (client ids) whose hard-dependency closure holds a failed node. */
  downEntries: string[];
  /** Entries that stay up, with the failed nodes they survive through optional links or async decoupling. */
  survivingEntries: string[];
  /** Nodes unreachable or down because of the failure (failed ones included). */
  affectedNodes: string[];
  /** Links on the failing paths. */
  affectedLinks: string[];
}
