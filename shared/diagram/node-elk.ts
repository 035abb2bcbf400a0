/**
 * ELK on the calling thread (elk.bundled), for the CLI, the exporters, tests
 * and benchmarks. The studio must not use it: it blocks the thread it runs on
 * (renderer/layout/ runs elk-api over a Web Worker instead).
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkLike } from './layout';

export function createBundledElk(): ElkLike {
  return new ELK();
}
