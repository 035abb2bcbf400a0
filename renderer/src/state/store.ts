/**
 * The studio's domain state, outside React (tldraw-style). The Model is a
 * plain immutable object and the one source of truth: the canvas derives its
 * React Flow nodes from it, the inspector edits it through commands, autosave
 * writes it. Selection and viewport live beside it, never inside it.
 */
import { applyPatches, enablePatches, produceWithPatches, type Draft } from 'immer';
import type { Model } from '../../../shared/model/types';
import { History } from './history';

enablePatches();

export type Recipe = (draft: Draft<Model>) => void;

export interface EditOptions {
  /** What the undo menu says. */
  label: string;
  /** Edits with the same key in quick succession are one undo step (a drag, typing in one field). */
  coalesce?: string;
  /** false: change the model without an undo step (nothing uses it for user edits). */
  record?: boolean;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface StudioState {
  model: Model | null;
  /** Bumped on every model change: cheap change detection for autosave and analysis. */
  modelVersion: number;
  /** Ids of selected canvas elements: node ids, link ids (`a->b`), frames (`ctx:<id>`). */
  selection: ReadonlySet<string>;
  /** A pointer gesture (a drag) is under way: autosave and other heavy followers wait for its end. */
  inGesture: boolean;
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | undefined;
  redoLabel: string | undefined;
}

type Listener = () => void;

const EMPTY: ReadonlySet<string> = new Set();

export class StudioStore {
  private state: StudioState = {
    model: null,
    modelVersion: 0,
    selection: EMPTY,
    inGesture: false,
    canUndo: false,
    canRedo: false,
    undoLabel: undefined,
    redoLabel: undefined,
  };
  private readonly history = new History();
  private readonly listeners = new Set<Listener>();
  /** Last known viewport; React Flow owns the live one. */
  viewport: Viewport | undefined;

  getState = (): StudioState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get model(): Model {
    if (!this.state.model) throw new Error('no model is open');
    return this.state.model;
  }

  /** Replaces the model wholesale (open, import, revision restore): history starts afresh. */
  load(model: Model, selection: Iterable<string> = []): void {
    this.history.clear();
    this.set({ model, modelVersion: this.state.modelVersion + 1, selection: new Set(selection) });
  }

  /** Applies one command to the model. Returns false when it changed nothing. */
  edit(recipe: Recipe, options: EditOptions): boolean {
    const base = this.model;
    const [next, patches, inverse] = produceWithPatches(base, recipe);
    if (patches.length === 0) return false;
    if (options.record !== false) {
      this.history.record(options.label, patches, inverse, options.coalesce, Date.now());
    }
    this.set({ model: next, modelVersion: this.state.modelVersion + 1, selection: this.pruneSelection(next) });
    return true;
  }

  /** Ends a coalesced step (drag stop, field blur). */
  seal(): void {
    this.history.seal();
  }

  beginGesture(): void {
    if (!this.state.inGesture) this.set({ inGesture: true });
  }

  endGesture(): void {
    this.history.seal();
    if (this.state.inGesture) this.set({ inGesture: false });
  }

  undo(): void {
    const entry = this.history.takeUndo();
    if (!entry) return;
    const model = applyPatches(this.model, entry.inverse);
    this.set({ model, modelVersion: this.state.modelVersion + 1, selection: this.pruneSelection(model) });
  }

  redo(): void {
    const entry = this.history.takeRedo();
    if (!entry) return;
    const model = applyPatches(this.model, entry.patches);
    this.set({ model, modelVersion: this.state.modelVersion + 1, selection: this.pruneSelection(model) });
  }

  select(ids: Iterable<string>): void {
    const next = new Set(ids);
    if (sameSet(next, this.state.selection)) return;
    this.set({ selection: next });
  }

  close(): void {
    this.history.clear();
    this.set({ model: null, selection: EMPTY });
  }

  private pruneSelection(model: Model): ReadonlySet<string> {
    const sel = this.state.selection;
    if (sel.size === 0) return sel;
    // Links and contexts untouched (a drag step, a field edit): only a selected node can have gone.
    // Rebuilding every link id on each drag frame of a large model cost more than the rest of the edit.
    const prev = this.state.model;
    if (prev && prev.links === model.links && prev.contexts === model.contexts) {
      if (prev.nodes === model.nodes) return sel;
      let gone = false;
      for (const id of sel) if (id in prev.nodes && !(id in model.nodes)) gone = true;
      if (!gone) return sel;
    }
    const linkIds = new Set<string>();
    const seen = new Map<string, number>();
    for (const l of model.links ?? []) {
      if (l.id) linkIds.add(l.id);
      else {
        const base = `${l.from}->${l.to}`;
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        linkIds.add(n === 1 ? base : `${base}#${n}`);
      }
    }
    const kept = [...sel].filter(
      (id) => id in model.nodes || linkIds.has(id) || (id.startsWith('ctx:') && id.slice(4) in (model.contexts ?? {})),
    );
    return kept.length === sel.size ? sel : new Set(kept);
  }

  private set(patch: Partial<StudioState>): void {
    this.state = {
      ...this.state,
      ...patch,
      canUndo: this.history.canUndo,
      canRedo: this.history.canRedo,
      undoLabel: this.history.undoLabel,
      redoLabel: this.history.redoLabel,
    };
    for (const l of this.listeners) l();
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** The one store of the open studio. */
export const studio = new StudioStore();
