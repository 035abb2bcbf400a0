/**
 * Two-way sync between the CodeMirror editor and the studio store.
 *
 * Store -> editor: when the model changes from elsewhere (canvas, inspector,
 * undo), the text is edited in place (`updateModelText`, so comments and
 * formatting survive) and only the changed ranges are dispatched: the cursor
 * is mapped through them and the view does not scroll.
 *
 * Editor -> store: typing re-parses after a short pause; a valid text is
 * applied as one coalesced, undoable command that touches only what changed;
 * an invalid one is underlined where the parser points and the canvas keeps
 * the last valid model.
 *
 * Both at once (a layout lands while the user types, or the inspector is used
 * while the text is invalid): the text is not overwritten. The next valid
 * parse is applied as a three-way merge (what the user changed since the last
 * sync, on top of the store's current model), and the merged model is then
 * written back into the text.
 */
import { Annotation, EditorState, Transaction, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { parseModel } from '../../../shared/parse';
import type { Problem } from '../../../shared/parse';
import { deepEqual, patchModelText, updateModelText } from '../../../shared/write';
import type { Model } from '../../../shared/model/types';
import { studio } from '../state/store';
import { parseNodeEdit } from './incremental-parse';
import { replaceModel } from './reconcile';
import { sourceText } from './source-text';
import { textChanges } from './text-diff';
import type { TextRequest, TextResponse } from './text-worker';

/** Marks transactions that carry a change made outside the editor. */
const external = Annotation.define<boolean>();

/** Pause after a keystroke before the text is parsed. */
export const PARSE_DELAY_MS = 100;
/** The same pause when the last parse took the one-node fast path (cheap enough to run per keystroke). */
export const FAST_PARSE_DELAY_MS = 10;
/**
 * A keystroke this long after the previous one, while the fast path holds, is
 * parsed in the same task: the canvas change is painted in the frame that
 * shows the typed character, not one frame later (on a 1,000-node model that
 * frame was a third of the keystroke-to-canvas time). Quicker keystrokes (a
 * held key) fall back to the short pause, which folds them.
 */
export const SAME_TASK_AFTER_MS = 60;
export const CODE_COALESCE = 'code-view';
/** From this size, a store change the line patch cannot write goes to a worker (the Document route costs ~1 s on 1,000 nodes). */
export const WORKER_TEXT_FROM = 100_000;
export const FILE_NAME = 'model.keel.yaml';

export interface SyncStatus {
  state: 'synced' | 'pending' | 'invalid';
  problems: Problem[];
}

export class CodeSync {
  readonly view: EditorView;
  /** The model the editor text stood for when last in sync (the merge base for typed edits). */
  private model: Model;
  /** The last text that parsed (what a canvas edit is applied to when the editor holds an invalid text). */
  private validText: string;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private frame = 0;
  private applying = false;
  private readonly unsubscribe: () => void;
  private status: SyncStatus = { state: 'synced', problems: [] };
  /** For the benchmark: when the last keystroke happened and when its model reached the store. */
  lastApply = { inputAt: 0, parsedAt: 0, appliedAt: 0, parseMs: 0, fast: false };
  private inputAt = 0;
  private lastFast = false;
  private lastInputAt = -Infinity;
  private microtask = false;
  private textWorker: Worker | null = null;
  /** The store change being written by the worker: applied when it returns, if nothing moved meanwhile. */
  private offThread: { id: number; model: Model; base: Model; from: string; at: number } | null = null;
  private offThreadSeq = 0;
  /** The worker failed once (blocked, crashed): the main thread writes from then on. */
  private workerFailed = false;
  private disposed = false;

  constructor(
    parent: HTMLElement,
    extensions: Extension[],
    private readonly onStatus: (s: SyncStatus) => void,
  ) {
    this.model = studio.model;
    this.validText = sourceText.textFor(this.model, { force: true });
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: this.validText,
        extensions: [
          ...extensions,
          EditorView.updateListener.of((u) => {
            if (!u.docChanged) return;
            if (u.transactions.some((t) => t.annotation(external))) return;
            const now = performance.now();
            this.inputAt ||= now;
            const quiet = now - this.lastInputAt >= SAME_TASK_AFTER_MS;
            this.lastInputAt = now;
            this.schedule(quiet);
          }),
        ],
      }),
    });
    this.unsubscribe = studio.subscribe(this.onStore);
  }

  dispose(): void {
    // A pending edit is not lost when the pane closes.
    if (this.timer || this.microtask) this.parseNow();
    this.disposed = true;
    clearTimeout(this.timer);
    cancelAnimationFrame(this.frame);
    this.unsubscribe();
    this.textWorker?.terminate();
    this.view.destroy();
  }

  /** Baseline for the benchmark: the full parser on the current text (ms), as the slow path runs it. */
  timeFullParse(): number {
    const text = this.view.state.doc.toString();
    const t0 = performance.now();
    parseModel(text, FILE_NAME);
    return performance.now() - t0;
  }

  /** Baseline for the benchmark: the Document route (`updateModelText`) for one changed field of the model shown (ms). */
  timeDocumentRoute(): number {
    const [id, node] = Object.entries(this.model.nodes)[0]!;
    const changed: Model = { ...this.model, nodes: { ...this.model.nodes, [id]: { ...node, replicas: (node.replicas ?? 1) + 1 } } };
    const t0 = performance.now();
    updateModelText(this.validText, changed);
    return performance.now() - t0;
  }

  getStatus(): SyncStatus {
    return this.status;
  }

  private schedule(quiet: boolean): void {
    clearTimeout(this.timer);
    if (this.lastFast && quiet && this.status.state === 'synced') {
      // After the editor's own update (no dispatch may run inside it), before the frame is painted.
      // No 'pending' status either: it would cost a render of its own for a few milliseconds.
      this.timer = undefined;
      if (!this.microtask) {
        this.microtask = true;
        queueMicrotask(() => {
          this.microtask = false;
          if (!this.disposed) this.parseNow();
        });
      }
      return;
    }
    this.setStatus({ state: 'pending', problems: this.status.problems });
    this.timer = setTimeout(() => this.parseNow(), this.lastFast ? FAST_PARSE_DELAY_MS : PARSE_DELAY_MS);
  }

  /** Parses the editor text; applies it to the store when valid, underlines it when not. */
  parseNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const inputAt = this.inputAt;
    this.inputAt = 0;
    const text = this.view.state.doc.toString();
    const t0 = performance.now();
    // One node's body edited: parse just that block; anything else (or any problem): the full parser.
    const fast = this.status.state === 'invalid' ? undefined : parseNodeEdit(this.validText, text, this.model);
    this.lastFast = fast !== undefined;
    const result = fast ? { model: fast, problems: [] } : parseModel(text, FILE_NAME);
    const parsedAt = performance.now();
    if (!result.model || result.problems.length) {
      this.view.dispatch(setDiagnostics(this.view.state, diagnostics(this.view.state, result.problems)));
      this.setStatus({ state: 'invalid', problems: result.problems });
      return;
    }
    const next = result.model;
    if (this.status.problems.length) this.view.dispatch(setDiagnostics(this.view.state, []));
    this.validText = text;
    const current = studio.getState().model;
    if (current && !deepEqual(this.model, next)) {
      this.applying = true;
      try {
        // The user's changes since the last sync, applied to whatever the store holds now.
        studio.edit(replaceModel(this.model, next), { label: 'Edit YAML', coalesce: CODE_COALESCE });
      } finally {
        this.applying = false;
      }
    }
    const merged = studio.getState().model ?? next;
    this.lastApply = { inputAt, parsedAt, appliedAt: performance.now(), parseMs: parsedAt - t0, fast: this.lastFast };
    performance.mark('keel:code-applied', { detail: this.lastApply });
    this.setStatus({ state: 'synced', problems: [] });
    if (deepEqual(merged, next)) {
      this.model = merged;
      sourceText.set(merged, text);
    } else {
      // The store changed while the user typed: write the merged model back into the text.
      this.model = next;
      this.pushToEditor();
    }
  }

  private onStore = (): void => {
    if (this.applying) return;
    const m = studio.getState().model;
    if (!m || m === this.model) return;
    // Typed text not yet applied (or invalid) is never overwritten: the next valid parse merges.
    if (this.timer || this.microtask || this.status.state !== 'synced') return;
    // A drag changes the model every frame: follow at most once per frame.
    if (!this.frame) this.frame = requestAnimationFrame(() => this.pushToEditor());
  };

  /** Writes the store's model into the editor as the smallest change. */
  private pushToEditor(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const m = studio.getState().model;
    if (!m || this.timer || this.microtask || this.status.state !== 'synced') return;
    let text = sourceText.exact(m);
    if (text === undefined) {
      const t0 = performance.now();
      // The common canvas edits (fields, moves, added or removed nodes and links) patch the entries'
      // lines in a few milliseconds; the rest re-renders through the yaml Document (about a second on
      // 1,000 nodes): in a worker when the text is large.
      text = patchModelText(this.validText, this.model, m);
      if (text === undefined && this.validText.length >= WORKER_TEXT_FROM && this.writeOffThread(m)) {
        performance.measure('keel:code-push', { start: t0, end: performance.now() });
        return;
      }
      text ??= updateModelText(this.validText, m);
      performance.measure('keel:code-push', { start: t0, end: performance.now() });
      sourceText.set(m, text);
    }
    this.show(m, text);
  }

  /** Sends the Document route to the worker; false when there is no worker to send it to. */
  private writeOffThread(m: Model): boolean {
    if (this.workerFailed) return false;
    try {
      if (!this.textWorker) {
        this.textWorker = new Worker(new URL('./text-worker.ts', import.meta.url), { type: 'module', name: 'keel-code-text' });
        this.textWorker.onmessage = (e: MessageEvent<TextResponse>) => this.onWorkerText(e.data);
        this.textWorker.onerror = () => {
          // Gone: this change (and later ones) take the main thread.
          this.textWorker?.terminate();
          this.textWorker = null;
          this.workerFailed = true;
          if (this.offThread) {
            this.offThread = null;
            this.pushToEditor();
          }
        };
      }
      const id = ++this.offThreadSeq;
      this.offThread = { id, model: m, base: this.model, from: this.validText, at: performance.now() };
      this.textWorker.postMessage({ id, text: this.validText, model: m } satisfies TextRequest);
      return true;
    } catch {
      this.textWorker = null;
      this.workerFailed = true;
      return false;
    }
  }

  private onWorkerText(r: TextResponse): void {
    const job = this.offThread;
    if (!job || r.id !== job.id) return; // a newer change replaced it
    this.offThread = null;
    performance.measure('keel:code-push-worker', { start: job.at, end: performance.now() });
    // Typed since (the next parse merges), or the store moved on (a newer push follows): this text is stale.
    if (this.model !== job.base || this.validText !== job.from || studio.getState().model !== job.model) return;
    if (this.timer || this.microtask || this.status.state !== 'synced') return;
    if ('error' in r) {
      this.pushToEditorOnMainThread(job.model);
      return;
    }
    sourceText.set(job.model, r.text);
    this.show(job.model, r.text);
  }

  private pushToEditorOnMainThread(m: Model): void {
    const text = updateModelText(this.validText, m);
    sourceText.set(m, text);
    this.show(m, text);
  }

  /** Shows `text` (the YAML of `m`) in the editor as the smallest change: the cursor and the scroll stay. */
  private show(m: Model, text: string): void {
    this.model = m;
    this.validText = text;
    const current = this.view.state.doc.toString();
    const changes = textChanges(current, text);
    const spec = this.status.problems.length ? setDiagnostics(this.view.state, []) : {};
    if (changes.length) {
      this.view.dispatch({
        ...spec,
        changes,
        annotations: [external.of(true), Transaction.addToHistory.of(false)],
      });
    } else if (this.status.problems.length) this.view.dispatch(spec);
    this.setStatus({ state: 'synced', problems: [] });
  }

  private setStatus(s: SyncStatus): void {
    if (s.state === this.status.state && s.problems === this.status.problems) return;
    this.status = s;
    this.onStatus(s);
  }
}

/** Problems (1-based line/col) as CodeMirror diagnostics underlining the word at that place. */
export function diagnostics(state: EditorState, problems: Problem[]): Diagnostic[] {
  const doc = state.doc;
  return problems.map((p) => {
    const line = doc.line(Math.min(Math.max(p.line, 1), doc.lines));
    const from = Math.min(line.from + Math.max(p.col - 1, 0), line.to);
    const rest = doc.sliceString(from, line.to);
    const word = /^[^\s:#,\]}]+/.exec(rest)?.[0].length ?? 0;
    let to = from + word;
    if (to === from) to = Math.min(line.to, from + 1);
    if (to === from && from > line.from) return { from: from - 1, to: from, severity: 'error', message: p.message };
    return { from, to, severity: 'error', message: p.message };
  });
}
