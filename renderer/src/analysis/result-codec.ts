/**
 * The analysis result as the worker sends it. A full result of a thousand
 * nodes is megabytes of objects (blast radii, thousands of findings), and
 * copying it costs the UI thread more than the analysis costs the worker. So
 * the worker sends figures as typed arrays (transferred, not copied), blast
 * radii only when they changed (they follow the topology, not the load), and
 * findings it sent before as their index in the previous list. The client's
 * decoder, fed every message in order, rebuilds the full AnalysisResult.
 */
import type { AnalysisResult, Finding, LinkFigures, NodeFigures } from '../../../shared/analysis/types';

/** Per node: load, capacity, utilization, latencyMs, availability, flags (NaN = null). */
const NODE_FIELDS = 6;
const UNBOUNDED = 1;
const ON_CYCLE = 2;

export interface EncodedResult {
  summary: AnalysisResult['summary'];
  entries: AnalysisResult['entries'];
  whatIf?: AnalysisResult['whatIf'];
  /** Node ids, when they differ from the previous message's. */
  nodeIds?: string[];
  nodeFigures: Float64Array;
  /** Blast radii that changed since the previous message (all of them in the first). */
  blast?: Record<string, string[]>;
  /** Link ids and ends, when they differ from the previous message's. */
  links?: { id: string; from: string; to: string; mode: LinkFigures['mode']; index: number }[];
  linkLoads: Float64Array;
  /** A finding, or the index of an identical one in the previous message's list. */
  findings: (Finding | number)[];
}

const num = (x: number | null) => (x === null ? NaN : x);
const orNull = (x: number) => (Number.isNaN(x) ? null : x);

function findingKey(f: Finding): string {
  return [f.rule, f.severity, f.nodes.join(','), f.links.join(','), f.message, f.suggestion, f.suppressed, f.suppressionReason ?? ''].join('\u0000');
}

function sameIds(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return !!a && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Worker side. `topologyChanged` false (a what-if, a capacity edit) skips the blast radii: they cannot have moved. */
export function createResultEncoder() {
  let nodeIds: string[] | undefined;
  let linkIds: string[] | undefined;
  let blastSent = new Map<string, string>();
  let findingIndex = new Map<string, number>();

  return (result: AnalysisResult, topologyChanged: boolean): { message: EncodedResult; transfer: ArrayBuffer[] } => {
    const ids = Object.keys(result.nodes);
    const figures = new Float64Array(ids.length * NODE_FIELDS);
    ids.forEach((id, i) => {
      const n = result.nodes[id]!;
      const o = i * NODE_FIELDS;
      figures[o] = num(n.load);
      figures[o + 1] = num(n.capacity);
      figures[o + 2] = num(n.utilization);
      figures[o + 3] = num(n.latencyMs);
      figures[o + 4] = n.availability;
      figures[o + 5] = (n.latencyUnbounded ? UNBOUNDED : 0) | (n.onCycle ? ON_CYCLE : 0);
    });
    const message: EncodedResult = {
      summary: result.summary,
      entries: result.entries,
      nodeFigures: figures,
      linkLoads: new Float64Array(0),
      findings: [],
    };
    if (result.whatIf) message.whatIf = result.whatIf;
    if (!sameIds(nodeIds, ids)) {
      message.nodeIds = ids;
      nodeIds = ids;
    }
    if (topologyChanged || message.nodeIds) {
      const next = new Map<string, string>();
      for (const id of ids) {
        const list = result.nodes[id]!.blastRadius;
        const key = list.join(',');
        next.set(id, key);
        if (blastSent.get(id) !== key) (message.blast ??= {})[id] = list;
      }
      blastSent = next;
    }

    const links = Object.entries(result.links ?? {});
    const lids = links.map(([id]) => id);
    if (!sameIds(linkIds, lids)) {
      message.links = links.map(([id, l]) => ({ id, from: l.from, to: l.to, mode: l.mode, index: l.index }));
      linkIds = lids;
    }
    message.linkLoads = Float64Array.from(links, ([, l]) => num(l.load));

    const nextIndex = new Map<string, number>();
    message.findings = result.findings.map((f, i) => {
      const key = findingKey(f);
      nextIndex.set(key, i);
      return findingIndex.get(key) ?? f;
    });
    findingIndex = nextIndex;
    return { message, transfer: [figures.buffer as ArrayBuffer, message.linkLoads.buffer as ArrayBuffer] };
  };
}

/** Client side: rebuilds full results from the messages, which it must see in order. */
export function createResultDecoder() {
  let nodeIds: string[] = [];
  let links: NonNullable<EncodedResult['links']> = [];
  const blast = new Map<string, string[]>();
  let findings: Finding[] = [];

  return (m: EncodedResult): AnalysisResult => {
    if (m.nodeIds) {
      nodeIds = m.nodeIds;
      const keep = new Set(nodeIds);
      for (const id of blast.keys()) if (!keep.has(id)) blast.delete(id);
    }
    for (const [id, list] of Object.entries(m.blast ?? {})) blast.set(id, list);
    if (m.links) links = m.links;

    const nodes: Record<string, NodeFigures> = {};
    const f = m.nodeFigures;
    nodeIds.forEach((id, i) => {
      const o = i * NODE_FIELDS;
      const flags = f[o + 5]!;
      nodes[id] = {
        load: orNull(f[o]!),
        capacity: orNull(f[o + 1]!),
        utilization: orNull(f[o + 2]!),
        latencyMs: orNull(f[o + 3]!),
        availability: f[o + 4]!,
        blastRadius: blast.get(id) ?? [],
        latencyUnbounded: (flags & UNBOUNDED) !== 0,
        onCycle: (flags & ON_CYCLE) !== 0,
      };
    });
    const linkFigures: Record<string, LinkFigures> = {};
    links.forEach((l, i) => {
      linkFigures[l.id] = { load: orNull(m.linkLoads[i]!), from: l.from, to: l.to, mode: l.mode, index: l.index };
    });
    const prev = findings;
    findings = m.findings.map((x) => (typeof x === 'number' ? prev[x]! : x));
    const result: AnalysisResult = { summary: m.summary, nodes, entries: m.entries, findings, links: linkFigures };
    if (m.whatIf) result.whatIf = m.whatIf;
    return result;
  };
}
