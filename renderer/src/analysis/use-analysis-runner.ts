/** Starts the live analysis for the open studio and stops it when the studio closes. */
import { useEffect } from 'react';
import { studio } from '../state/store';
import { analysisStore } from './analysis-store';
import { startAnalysis } from './runner';

export function useAnalysisRunner(ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    const runner = startAnalysis(studio, analysisStore);
    // Beside the studio's own handles, for benchmarks and tests driving the page.
    const w = window as unknown as { __keel?: Record<string, unknown> };
    w.__keel = { ...w.__keel, analysis: analysisStore, analysisRunner: runner };
    return () => {
      runner.dispose();
      analysisStore.clear();
    };
  }, [ready]);
}
