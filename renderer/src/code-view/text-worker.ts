/**
 * The yaml Document route (`updateModelText`) off the UI thread, for the
 * canvas edits the line patch hands back on a large model (about a second of
 * work on 1,000 nodes): the code view shows the text when it arrives.
 */
import { updateModelText } from '../../../shared/write';
import type { Model } from '../../../shared/model/types';

export interface TextRequest {
  id: number;
  text: string;
  model: Model;
}
export type TextResponse = { id: number; text: string } | { id: number; error: string };

/** The worker's work, apart from the worker scope (so tests run it too). */
export function handleTextRequest({ id, text, model }: TextRequest): TextResponse {
  try {
    return { id, text: updateModelText(text, model) };
  } catch (e) {
    return { id, error: e instanceof Error ? e.message : String(e) };
  }
}

// In a worker (no document), answer requests; imported elsewhere (tests), do nothing.
if (typeof document === 'undefined' && typeof self !== 'undefined' && 'postMessage' in self) {
  const scope = self as unknown as { onmessage: ((e: MessageEvent<TextRequest>) => void) | null; postMessage(m: TextResponse): void };
  scope.onmessage = (e) => scope.postMessage(handleTextRequest(e.data));
}
