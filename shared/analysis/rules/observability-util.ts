/** The kinds the observability rules check, and what each lacks. */
import type { AnalysisContext } from '../context';
import type { RawFinding } from './rule';

const KINDS = ['service', 'gateway', 'worker'];
type ObsKey = 'liveness' | 'readiness' | 'metrics' | 'tracing';

/** One finding per service, gateway or worker missing any of `keys`. */
export function missingObservability(
  ctx: AnalysisContext,
  keys: ObsKey[],
  describe: (id: string, missing: ObsKey[]) => { message: string; suggestion: string },
): RawFinding[] {
  const out: RawFinding[] = [];
  const g = ctx.graph;
  for (let v = 0; v < g.ids.length; v++) {
    const nd = g.nodes[v]!;
    if (!KINDS.includes(nd.kind)) continue;
    const missing = keys.filter((k) => !nd.observability?.[k]);
    if (missing.length === 0) continue;
    out.push({ nodes: [g.ids[v]!], ...describe(g.ids[v]!, missing) });
  }
  return out;
}
