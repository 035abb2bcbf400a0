/**
 * Undo history as reversed diffs (after tldraw's HistoryManager): every edit
 * records immer's patches and inverse patches; undo applies the inverse. No
 * command writes its own inverse. Edits carrying the same `coalesce` key
 * within a short window fold into one step, so a drag or a burst of typing
 * is one undo.
 */
import type { Patch } from 'immer';

export interface HistoryEntry {
  label: string;
  key: string | undefined;
  patches: Patch[];
  inverse: Patch[];
  at: number;
}

/** Typing pauses longer than this start a new undo step. */
export const COALESCE_WINDOW_MS = 1500;
const LIMIT = 500;

export class History {
  private past: HistoryEntry[] = [];
  private future: HistoryEntry[] = [];

  record(label: string, patches: Patch[], inverse: Patch[], key: string | undefined, now: number): void {
    if (patches.length === 0) return;
    this.future = [];
    const last = this.past[this.past.length - 1];
    if (key !== undefined && last && last.key === key && now - last.at < COALESCE_WINDOW_MS) {
      last.patches = last.patches.concat(patches);
      last.inverse = inverse.concat(last.inverse);
      last.at = now;
      return;
    }
    this.past.push({ label, key, patches, inverse, at: now });
    if (this.past.length > LIMIT) this.past.shift();
  }

  /** Closes the open step so the next edit with the same key starts a new one. */
  seal(): void {
    const last = this.past[this.past.length - 1];
    if (last) last.key = undefined;
  }

  takeUndo(): HistoryEntry | undefined {
    const e = this.past.pop();
    if (e) {
      e.key = undefined;
      this.future.push(e);
    }
    return e;
  }

  takeRedo(): HistoryEntry | undefined {
    const e = this.future.pop();
    if (e) this.past.push(e);
    return e;
  }

  clear(): void {
    this.past = [];
    this.future = [];
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  get undoLabel(): string | undefined {
    return this.past[this.past.length - 1]?.label;
  }

  get redoLabel(): string | undefined {
    return this.future[this.future.length - 1]?.label;
  }
}
