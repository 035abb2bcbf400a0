/**
 * The YAML text behind the open model, so that what the user wrote by hand
 * (comments, key order, quoting) survives: the code view shows it, and
 * autosave stores it instead of the canonical rendering. The text is tied to
 * one model object: when the model moves on (a canvas edit), the text follows
 * through `patchModelText` (the changed entries' lines) or else
 * `updateModelText`, which edits the whole document in place.
 */
import { patchModelText, updateModelText, writeModel } from '../../../shared/write';
import type { Model } from '../../../shared/model/types';

/** Above this size the in-place edit costs too much to run on every autosave; the code view still runs it. */
const IN_PLACE_LIMIT = 200_000;

let current: { model: Model; text: string } | null = null;

export const sourceText = {
  /** Records that `text` is the YAML of `model` (opened from the store, or typed in the code view). */
  set(model: Model, text: string): void {
    current = { model, text };
  },
  /** The text recorded for exactly this model object, if any. */
  exact(model: Model): string | undefined {
    return current && current.model === model ? current.text : undefined;
  },
  /** The last recorded text (of whatever model), for editing in place. */
  base(): string | undefined {
    return current?.text;
  },
  /**
   * The YAML to store for `model`: the recorded text when it is this model's,
   * else the recorded text edited in place (comments kept), else canonical.
   */
  textFor(model: Model, options: { force?: boolean } = {}): string {
    const exact = this.exact(model);
    if (exact !== undefined) return exact;
    // Fields, moves, added or removed nodes: the recorded text's lines patched (any size, comments kept).
    const patched = current ? patchModelText(current.text, current.model, model) : undefined;
    if (patched !== undefined) {
      current = { model, text: patched };
      return patched;
    }
    const base = current?.text;
    const text =
      base !== undefined && (options.force || (base.length <= IN_PLACE_LIMIT && hasComments(base)))
        ? updateModelText(base, model)
        : writeModel(model);
    current = { model, text };
    return text;
  },
  clear(): void {
    current = null;
  },
};

function hasComments(text: string): boolean {
  return /(^|\s)#/m.test(text);
}
