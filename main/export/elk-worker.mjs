// ELK (elk.bundled) on a worker thread, so the package's layout runs beside
// the exporters instead of before them. Plain JavaScript: a worker does not
// inherit the tsx loader. Messages: { id, graph, args } -> { id, result | error }.
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';

// require(), not import: importing this 1.5 MB CommonJS file from ESM makes
// Node scan all of it for its exports (cjs-module-lexer) and its syntax
// first, a few hundred ms of the worker's start-up on the export's critical path.
const ELK = createRequire(import.meta.url)('elkjs/lib/elk.bundled.js');

const elk = new ELK();
parentPort.on('message', async ({ id, graph, args }) => {
  try {
    parentPort.postMessage({ id, result: await elk.layout(graph, args) });
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.message) || err) });
  }
});
