/**
 * Autosave: every model change reaches the store within a second (debounced
 * `models.save`, kind 'autosave', which the store folds into one revision),
 * and the viewport and selection follow (`models.setViewState`). Pending work
 * is flushed when the page is hidden or left.
 */
import { api } from '../api';
import { sourceText } from '../code-view/source-text';
import { studio, type Viewport } from './store';
import { issuesOf } from '../inspector/validation';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'invalid' | 'error';

/** A pause this long ends a burst of edits (typing): long enough to fold keystrokes, short enough that a large model's save still lands within a second. */
const SAVE_DELAY_MS = 150;
/** Continuous edits (a long drag) still save at least this often. */
const SAVE_MAX_WAIT_MS = 800;
const VIEW_DELAY_MS = 400;

type StatusListener = (status: SaveStatus, error?: string) => void;

export class Autosaver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPendingAt = 0;
  private savedVersion: number;
  private inFlight: Promise<void> | null = null;
  private viewTimer: ReturnType<typeof setTimeout> | undefined;
  private viewDirty = false;
  private status: SaveStatus = 'saved';
  private readonly unsubscribe: () => void;
  private lastSelection = studio.getState().selection;
  /** performance.now() of the last completed save, and of the edit it carried (for the bench). */
  lastSave = { editedAt: 0, savedAt: 0 };
  private pendingSince = 0;

  constructor(
    private readonly modelId: string,
    private readonly onStatus: StatusListener,
  ) {
    this.savedVersion = studio.getState().modelVersion;
    this.unsubscribe = studio.subscribe(() => this.onChange());
    window.addEventListener('pagehide', this.flushNow);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  dispose(): void {
    this.flushNow();
    this.unsubscribe();
    window.removeEventListener('pagehide', this.flushNow);
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  /** The model version the store holds (for benchmarks and tests). */
  get savedModelVersion(): number {
    return this.savedVersion;
  }

  /** The model as loaded is already stored: nothing to save. */
  markSaved(): void {
    this.savedVersion = studio.getState().modelVersion;
  }

  viewportChanged(v: Viewport): void {
    studio.viewport = v;
    this.scheduleView();
  }

  private onChange(): void {
    const s = studio.getState();
    if (s.selection !== this.lastSelection) {
      this.lastSelection = s.selection;
      this.scheduleView();
    }
    if (s.model && s.modelVersion !== this.savedVersion) {
      // During a drag the model changes every frame: serialising it then would cost frames. Save on release.
      if (s.inGesture) {
        if (!this.timer) this.pendingSince ||= performance.now();
        this.setStatus('pending');
      } else this.schedule();
    }
  }

  private schedule(): void {
    const now = performance.now();
    if (!this.timer) {
      this.firstPendingAt = now;
      this.pendingSince ||= now;
    }
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(SAVE_DELAY_MS, this.firstPendingAt + SAVE_MAX_WAIT_MS - now));
    this.timer = setTimeout(() => void this.save(), wait);
    this.setStatus('pending');
  }

  private async save(): Promise<void> {
    this.timer = undefined;
    this.pendingSince = 0;
    if (this.inFlight) {
      await this.inFlight;
      if (this.timer) return;
    }
    const { model, modelVersion } = studio.getState();
    if (!model || modelVersion === this.savedVersion) return;
    // The store refuses an invalid model; the fields show why. The next edit that mends it saves.
    if (issuesOf(model).issues.length > 0) {
      this.setStatus('invalid');
      return;
    }
    const editedAt = this.pendingSince;
    this.setStatus('saving');
    this.inFlight = (async () => {
      try {
        await api['models.save']({ id: this.modelId, yaml: sourceText.textFor(model), kind: 'autosave' });
        this.savedVersion = modelVersion;
        this.lastSave = { editedAt, savedAt: performance.now() };
        this.setStatus(studio.getState().modelVersion === modelVersion ? 'saved' : 'pending');
      } catch (e) {
        this.setStatus('error', e instanceof Error ? e.message : String(e));
      } finally {
        this.inFlight = null;
      }
    })();
    await this.inFlight;
  }

  private scheduleView(): void {
    this.viewDirty = true;
    clearTimeout(this.viewTimer);
    this.viewTimer = setTimeout(() => void this.saveView(), VIEW_DELAY_MS);
  }

  private async saveView(): Promise<void> {
    if (!this.viewDirty) return;
    this.viewDirty = false;
    const selection = [...studio.getState().selection].slice(0, 100_000);
    const viewport = studio.viewport;
    try {
      await api['models.setViewState']({
        id: this.modelId,
        viewState: viewport ? { viewport, selection } : { selection },
      });
    } catch {
      // View state is a convenience: losing it must not bother the user.
    }
  }

  private onVisibility = (): void => {
    if (document.visibilityState === 'hidden') this.flushNow();
  };

  /** Sends what is pending right away (page hidden, closing, leaving the studio). */
  flushNow = (): void => {
    if (this.timer) {
      clearTimeout(this.timer);
      void this.save();
    }
    if (this.viewDirty) {
      clearTimeout(this.viewTimer);
      void this.saveView();
    }
  };

  private setStatus(status: SaveStatus, error?: string): void {
    if (status === this.status && !error) return;
    this.status = status;
    this.onStatus(status, error);
  }
}
