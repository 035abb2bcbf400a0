/**
 * Child process of sqlite-store.kill.test.ts: opens the store at argv[2] and
 * saves revisions of model argv[3] in a loop, printing each revision number
 * only after saveRevision has returned (stdout to a pipe is synchronous on
 * Linux, so a printed number was committed before it left this process).
 * The parent kills it with SIGKILL at a random moment.
 */
import { pathToFileURL } from 'node:url';
import { openSqliteStore } from './sqlite-store';

/** Revision n's exact text: varied lengths, so rows span overflow pages too. */
export function killTestText(n: number): string {
  const lines = (n * 37) % 240;
  let body = '';
  for (let i = 0; i < lines; i++) body += `  - id: node-${n}-${i}\n    note: "revision ${n}, line ${i}, ✓"\n`;
  return `keel: 1\nname: kill-test\nrevision: ${n}\nnodes:\n${body}`;
}

function main(path: string, id: string): void {
  const store = openSqliteStore(path, { coalesceMs: 0 });
  let n = store.getModel(id).head.revision;
  for (;;) {
    n++;
    const { revision } = store.saveRevision(id, { yaml: killTestText(n), kind: n % 5 === 0 ? 'snapshot' : 'save', message: `r${n}` });
    if (revision.revision !== n) throw new Error(`expected revision ${n}, store made ${revision.revision}`);
    process.stdout.write(`${n}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv[2]!, process.argv[3]!);
