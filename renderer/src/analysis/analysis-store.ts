/**
 * The latest analysis of the open model, outside React (like the studio
 * store). Besides the whole result it keeps a small view per node and per
 * link (heat, badge, what-if state, load) and tells only the nodes and links
 * whose view changed: a canvas of a thousand nodes re-renders the few whose
 * figures moved, not all of them.
 */
import type { AnalysisResult, Finding, Severity } from '../../../shared/analysis/types';
import { fmtRps } from './format';
import { heatOf, type Heat } from './heat';

export interface WhatIf {
  /** Every client's rps times this (1 = as modelled). */
  loadFactor: number;
  /** Nodes taken down in the what-if. */
  failed: readonly string[];
}

export const NO_WHAT_IF: WhatIf = { loadFactor: 1, failed: [] };
export const isWhatIfActive = (w: WhatIf) => w.loadFactor !== 1 || w.failed.length > 0;

export interface NodeView {
  utilization: number | null;
  heat: Heat;
  /** Unsuppressed findings whose subject is this node. */
  findings: number;
  worst: Severity | null;
  /** What-if: taken down on purpose, taken down with it, or cut off. */
  whatIf: 'failed' | 'down' | null;
  bottleneck: boolean;
}

export interface LinkView {
  load: number | null;
  text: string;
  /** What-if: on a failing path. */
  affected: boolean;
}

export interface AnalysisState {
  result: AnalysisResult | null;
  /** The what-if the result was computed under. */
  resultWhatIf: WhatIf;
  /** The what-if asked for (the next run uses it). */
  whatIf: WhatIf;
  /** The studio's modelVersion the result belongs to. */
  modelVersion: number;
  status: 'idle' | 'running' | 'error';
  error: string | undefined;
  durationMs: number | undefined;
  via: 'main' | 'worker' | undefined;
  /** The load slider is being dragged with the pointer. */
  sliding: boolean;
}

type Listener = () => void;

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
const EMPTY_NODE: NodeView = { utilization: null, heat: 'none', findings: 0, worst: null, whatIf: null, bottleneck: false };
const EMPTY_LINK: LinkView = { load: null, text: '', affected: false };

export class AnalysisStore {
  private state: AnalysisState = {
    result: null,
    resultWhatIf: NO_WHAT_IF,
    whatIf: NO_WHAT_IF,
    modelVersion: -1,
    status: 'idle',
    error: undefined,
    durationMs: undefined,
    via: undefined,
    sliding: false,
  };
  private readonly listeners = new Set<Listener>();
  private nodeViews = new Map<string, NodeView>();
  private linkViews = new Map<string, LinkView>();
  private readonly nodeListeners = new Map<string, Set<Listener>>();
  private readonly linkListeners = new Map<string, Set<Listener>>();
  private readonly painter = new FramePainter();
  /** The load slider is being dragged: link labels and bar lengths wait for its release (see `beginSlide`). */
  private sliding = false;
  private readonly heldNodes = new Set<string>();
  private readonly heldLinks = new Set<string>();

  getState = (): AnalysisState => this.state;
  subscribe = (l: Listener): (() => void) => subscribeTo(this.listeners, l);

  node = (id: string): NodeView => this.nodeViews.get(id) ?? EMPTY_NODE;
  link = (id: string): LinkView => this.linkViews.get(id) ?? EMPTY_LINK;
  subscribeNode = (id: string, l: Listener): (() => void) => subscribeKeyed(this.nodeListeners, id, l);
  subscribeLink = (id: string, l: Listener): (() => void) => subscribeKeyed(this.linkListeners, id, l);

  setWhatIf(next: Partial<WhatIf>): void {
    const w = { ...this.state.whatIf, ...next };
    if (w.loadFactor === this.state.whatIf.loadFactor && sameList(w.failed, this.state.whatIf.failed)) return;
    this.set({ whatIf: w });
  }
  /** Takes a node down in the what-if (or brings it back). */
  toggleFailed(id: string): void {
    const failed = this.state.whatIf.failed;
    this.setWhatIf({ failed: failed.includes(id) ? failed.filter((x) => x !== id) : [...failed, id] });
  }
  resetWhatIf(): void {
    this.setWhatIf(NO_WHAT_IF);
  }

  /**
   * While the load slider is dragged, every result moves every bar and link
   * label a little: re-laying out and repainting thousands of them per result
   * drops the page under 30 fps. Meanwhile only what changes meaning is shown
   * at once (heat level, badges, what-if state, the bottleneck); bar lengths
   * and link loads follow on release.
   */
  beginSlide(): void {
    if (this.sliding) return;
    this.sliding = true;
    this.set({ sliding: true });
  }
  endSlide(): void {
    if (!this.sliding) return;
    this.sliding = false;
    this.painter.add(this.nodeListeners, this.heldNodes);
    this.painter.add(this.linkListeners, this.heldLinks);
    this.heldNodes.clear();
    this.heldLinks.clear();
    this.set({ sliding: false });
  }

  running(): void {
    if (this.state.status !== 'running') this.set({ status: 'running' });
  }
  failed(message: string): void {
    this.set({ status: 'error', error: message });
  }

  /** A new result: rebuild the views, tell the nodes and links whose view changed, then everyone else. */
  setResult(
    result: AnalysisResult,
    meta: { modelVersion: number; whatIf: WhatIf; durationMs: number; via: 'main' | 'worker'; hotspot?: number },
  ): void {
    const changedNodes = this.rebuildNodes(result, meta.hotspot);
    const changedLinks = this.rebuildLinks(result);
    this.state = {
      ...this.state,
      result,
      resultWhatIf: meta.whatIf,
      modelVersion: meta.modelVersion,
      status: 'idle',
      error: undefined,
      durationMs: meta.durationMs,
      via: meta.via,
    };
    this.painter.add(this.nodeListeners, changedNodes);
    this.painter.add(this.linkListeners, changedLinks);
    for (const l of this.listeners) l();
  }

  /** Forgets everything (model closed). */
  clear(): void {
    this.sliding = false;
    this.heldNodes.clear();
    this.heldLinks.clear();
    const nodes = [...this.nodeViews.keys()];
    const links = [...this.linkViews.keys()];
    this.nodeViews = new Map();
    this.linkViews = new Map();
    this.state = { ...this.state, result: null, whatIf: NO_WHAT_IF, resultWhatIf: NO_WHAT_IF, modelVersion: -1, status: 'idle', error: undefined, sliding: false };
    notifyKeyed(this.nodeListeners, nodes);
    notifyKeyed(this.linkListeners, links);
    for (const l of this.listeners) l();
  }

  private rebuildNodes(result: AnalysisResult, hotspot = 0.8): string[] {
    const badges = new Map<string, { n: number; worst: Severity }>();
    for (const f of result.findings) {
      if (f.suppressed) continue;
      const id = f.nodes[0];
      if (id === undefined) continue;
      const b = badges.get(id);
      if (!b) badges.set(id, { n: 1, worst: f.severity });
      else {
        b.n++;
        if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[b.worst]) b.worst = f.severity;
      }
    }
    const failed = new Set(result.whatIf?.failed ?? []);
    const down = new Set(result.whatIf?.affectedNodes ?? []);
    const next = new Map<string, NodeView>();
    const changed: string[] = [];
    for (const [id, fig] of Object.entries(result.nodes)) {
      const b = badges.get(id);
      const view: NodeView = {
        // To two percent (4 px of a node's bar): finer steps would repaint nodes for changes nobody can see.
        utilization: fig.utilization === null ? null : Math.round(fig.utilization * 50) / 50,
        heat: heatOf(fig.utilization, hotspot),
        findings: b?.n ?? 0,
        worst: b?.worst ?? null,
        whatIf: failed.has(id) ? 'failed' : down.has(id) ? 'down' : null,
        bottleneck: result.summary.bottleneck === id,
      };
      const prev = this.nodeViews.get(id);
      if (prev && sameNodeView(prev, view)) next.set(id, prev);
      else if (this.sliding && prev && sameNodeView(prev, { ...view, utilization: prev.utilization })) {
        next.set(id, view);
        this.heldNodes.add(id);
      } else {
        next.set(id, view);
        changed.push(id);
      }
    }
    for (const id of this.nodeViews.keys()) if (!next.has(id)) changed.push(id);
    this.nodeViews = next;
    return changed;
  }

  private rebuildLinks(result: AnalysisResult): string[] {
    const affected = new Set(result.whatIf?.affectedLinks ?? []);
    const next = new Map<string, LinkView>();
    const changed: string[] = [];
    for (const [id, fig] of Object.entries(result.links ?? {})) {
      const prev = this.linkViews.get(id);
      const isAffected = affected.has(id);
      if (prev && prev.load === fig.load && prev.affected === isAffected) {
        next.set(id, prev);
        continue;
      }
      const view: LinkView = { load: fig.load, text: fig.load === null ? '' : fmtRps(fig.load), affected: isAffected };
      if (prev && prev.text === view.text && prev.affected === view.affected) next.set(id, prev);
      else if (this.sliding && prev && prev.affected === view.affected) {
        next.set(id, view);
        this.heldLinks.add(id);
      } else {
        next.set(id, view);
        changed.push(id);
      }
    }
    for (const id of this.linkViews.keys()) if (!next.has(id)) changed.push(id);
    this.linkViews = next;
    return changed;
  }

  private set(patch: Partial<AnalysisState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}

/** Findings grouped for the panel: by severity, suppressed ones apart. */
export interface FindingGroups {
  critical: Finding[];
  warning: Finding[];
  info: Finding[];
  suppressed: Finding[];
}

export function groupFindings(findings: readonly Finding[]): FindingGroups {
  const g: FindingGroups = { critical: [], warning: [], info: [], suppressed: [] };
  for (const f of findings) (f.suppressed ? g.suppressed : g[f.severity]).push(f);
  return g;
}

/** A stable key for a finding (the same finding across runs keeps its row). */
export const findingKey = (f: Finding) => `${f.rule}|${f.nodes.join(',')}|${f.links.join(',')}`;

function sameNodeView(a: NodeView, b: NodeView): boolean {
  return (
    a.utilization === b.utilization &&
    a.heat === b.heat &&
    a.findings === b.findings &&
    a.worst === b.worst &&
    a.whatIf === b.whatIf &&
    a.bottleneck === b.bottleneck
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function subscribeTo(set: Set<Listener>, l: Listener): () => void {
  set.add(l);
  return () => set.delete(l);
}

function subscribeKeyed(map: Map<string, Set<Listener>>, id: string, l: Listener): () => void {
  let set = map.get(id);
  if (!set) map.set(id, (set = new Set()));
  set.add(l);
  return () => {
    set.delete(l);
    if (set.size === 0) map.delete(id);
  };
}

/**
 * Tells nodes and links about their new view a frame at a time, as many per
 * frame as fit in a few milliseconds of rendering: with a thousand nodes in
 * view, a load-slider step changes every one of them, and telling them all
 * at once would freeze the page for a frame or ten. What is still waiting
 * when a newer result arrives is simply told the newer view.
 */
class FramePainter {
  private readonly queue = new Map<Map<string, Set<Listener>>, Set<string>>();
  private scheduled = false;
  /** Listeners told per frame; adapts to what the last frame cost. */
  private batch = 400;

  add(listeners: Map<string, Set<Listener>>, ids: Iterable<string>): void {
    let q = this.queue.get(listeners);
    if (!q) this.queue.set(listeners, (q = new Set()));
    for (const id of ids) if (listeners.has(id)) q.add(id);
    if (typeof requestAnimationFrame !== 'function') {
      this.flush(Infinity); // no frames (tests): tell them now
      return;
    }
    if (!this.scheduled && q.size) {
      this.scheduled = true;
      requestAnimationFrame(() => {
        this.scheduled = false;
        this.frame();
      });
    }
  }

  private frame(): void {
    const t0 = performance.now();
    const told = this.flush(this.batch);
    // React renders what the listeners asked for in a microtask after this one: measure it.
    queueMicrotask(() => {
      const ms = performance.now() - t0;
      if (told >= this.batch && ms < 5) this.batch = Math.min(5000, this.batch * 2);
      else if (ms > 10) this.batch = Math.max(50, Math.floor(this.batch / 2));
      if ([...this.queue.values()].some((q) => q.size) && !this.scheduled) {
        this.scheduled = true;
        requestAnimationFrame(() => {
          this.scheduled = false;
          this.frame();
        });
      }
    });
  }

  private flush(limit: number): number {
    let told = 0;
    for (const [listeners, q] of this.queue) {
      for (const id of q) {
        if (told >= limit) return told;
        q.delete(id);
        const set = listeners.get(id);
        if (set) for (const l of set) l();
        told++;
      }
    }
    return told;
  }
}

function notifyKeyed(map: Map<string, Set<Listener>>, ids: Iterable<string>): void {
  for (const id of ids) {
    const set = map.get(id);
    if (set) for (const l of set) l();
  }
}

/** The one analysis store of the open studio. */
export const analysisStore = new AnalysisStore();
