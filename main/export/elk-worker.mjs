// ELK (elk.bundled) on a worker thread, so the package's layout runs beside
// the exporters instead of before them. Plain JavaScript: a worker does not
// inherit the tsx loader. Messages: { id, graph, args } -> { id, result | error }.
import { parentPort } from 'node:worker_threads';
import ELK from 'elkjs/lib/elk.bundled.js';

const elk = new ELK();
parentPort.on('message', async ({ id, graph, args }) => {
  try {
    parentPort.postMessage({ id, result: await elk.layout(graph, args) });
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.message) || err) });
  }
});
