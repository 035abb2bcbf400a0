/**
 * The analysis worker: keeps a copy of the model (updated by deltas) and runs
 * `analyze` on it off the UI thread, one request at a time.
 */
import type { AnalysisRequest, AnalysisResponse } from './protocol';
import { createAnalysisHandler } from './worker-handler';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage(message: AnalysisResponse, transfer: Transferable[]): void;
};
const handle = createAnalysisHandler();

scope.onmessage = (event) => {
  const { response, transfer } = handle(event.data);
  scope.postMessage(response, transfer);
};
