/**
 * The layout worker: runs the whole of layoutModel (graph building, ELK,
 * placement of partial layouts) off the UI thread, one request at a time.
 * elk.bundled runs ELK on the thread it is loaded in, which here is this worker.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutModel } from '../../shared/diagram/layout';
import type { LayoutRequest, LayoutResponse } from './protocol';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse): void;
};
const elk = new ELK();

// elk.bundled installs its own message dispatcher on a worker's global scope
// when it loads; this module's handler replaces it (imports run first).
scope.onmessage = (event) => {
  const { id, model, mode } = event.data;
  layoutModel(model, { elk, mode }).then(
    (layout) => scope.postMessage({ id, layout }),
    (error: unknown) => scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
};
