/**
 * The layout worker: runs the whole of layoutModel (graph building, ELK,
 * placement of partial layouts) off the UI thread, one request at a time.
 * elk.bundled runs ELK on the thread it is loaded in, which here is this worker.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutModel } from '../../shared/diagram/layout';
import type { Model, ModelNode } from '../../shared/model';
import { packLayout, transferables, type LayoutRequest, type LayoutResponse } from './protocol';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse, transfer?: Transferable[]): void;
};
const elk = new ELK();

// elk.bundled installs its own message dispatcher on a worker's global scope
// when it loads; this module's handler replaces it (imports run first).
scope.onmessage = (event) => {
  const { id, model, mode } = event.data;
  layoutModel(model, { elk, mode }).then(
    (layout) => {
      const packed = packLayout(layout);
      scope.postMessage({ id, layout: packed }, transferables(packed));
    },
    (error: unknown) => scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
};

/**
 * ELK is compiled Java: V8 needs a few layouts before it has optimised it (a
 * 300-node layout costs 3.1 s of CPU cold and 0.75 s warm). Two layouts of a
 * made-up 120-node model when the worker starts, off the UI thread, bring the
 * user's first 300-node layout down to about 1.2 s of CPU (measured in Node).
 * A request that arrives meanwhile waits for the warm-up layout in progress.
 */
function warmUpModel(): Model {
  const kinds: ModelNode['kind'][] = [
    'gateway',
    'service',
    'service',
    'database',
    'cache',
    'topic',
    'worker',
    'service',
    'queue',
    'external',
  ];
  const nodes: Record<string, ModelNode> = {};
  const links: NonNullable<Model['links']> = [];
  const contexts: NonNullable<Model['contexts']> = {};
  for (let i = 0; i < 120; i++) {
    const context = `c${Math.floor(i / 10)}`;
    contexts[context] = {};
    nodes[`n${i}`] = { kind: kinds[i % kinds.length]!, context } as ModelNode;
    if (i > 0) links.push({ from: `n${Math.floor((i * 7) / 10)}`, to: `n${i}` });
    if (i > 12 && i % 3 === 0) links.push({ from: `n${i - 12}`, to: `n${i}` });
  }
  return { keel: 1, name: 'warm-up', contexts, nodes, links };
}

void (async () => {
  const model = warmUpModel();
  for (let i = 0; i < 2; i++) await layoutModel(model, { elk }).catch(() => undefined);
})();
