/**
 * Keeps the analysis store up to date: every model change the analysis can
 * see, and every what-if change, asks the analysis client for a new result.
 * Position-only edits (a drag) are skipped: layout never changes the analysis.
 */
import { thresholdsOf } from '../../../shared/model/defaults';
import type { Model } from '../../../shared/model/types';
import type { StudioStore } from '../state/store';
import { createAnalysisClient, AnalysisSupersededError, type AnalysisClient, type WorkerLike } from './analysis-client';
import { NO_WHAT_IF, isWhatIfActive, type AnalysisStore, type WhatIf } from './analysis-store';

export interface Runner {
  /** Runs now, whatever changed (a benchmark or a test). */
  refresh(): void;
  readonly client: AnalysisClient;
  dispose(): void;
}

export function createWorker(): WorkerLike {
  return new Worker(new URL('./analysis-worker.ts', import.meta.url), {
    type: 'module',
    name: 'keel-analysis',
  }) as unknown as WorkerLike;
}

/** True when the analysis reads something that differs (layout aside). */
function analysable(prev: Model | null, next: Model): boolean {
  if (!prev || prev === next) return prev !== next;
  for (const k of new Set([...Object.keys(prev), ...Object.keys(next)]) as Set<keyof Model>)
    if (k !== 'layout' && prev[k] !== next[k]) return true;
  return false;
}

export function startAnalysis(
  studio: StudioStore,
  store: AnalysisStore,
  client: AnalysisClient = createAnalysisClient({ createWorker }),
): Runner {
  let lastModel: Model | null = null;
  let lastWhatIf: WhatIf = NO_WHAT_IF;
  let seq = 0;

  const run = () => {
    const { model, modelVersion } = studio.getState();
    if (!model) return;
    const whatIf = store.getState().whatIf;
    lastModel = model;
    lastWhatIf = whatIf;
    const mine = ++seq;
    store.running();
    const options = isWhatIfActive(whatIf) ? { loadFactor: whatIf.loadFactor, failed: [...whatIf.failed] } : {};
    client.run(model, options).then(
      (r) => {
        if (studio.getState().model === null) return;
        store.setResult(r.result, {
          modelVersion,
          whatIf,
          durationMs: r.durationMs,
          via: r.via,
          hotspot: thresholdsOf(model).hotspotUtilization,
        });
        globalThis.performance?.mark?.('keel-analysis-applied');
      },
      (e: unknown) => {
        if (e instanceof AnalysisSupersededError) return;
        if (mine === seq) store.failed(e instanceof Error ? e.message : String(e));
      },
    );
  };

  const offStudio = studio.subscribe(() => {
    const m = studio.getState().model;
    if (!m) {
      if (lastModel) {
        lastModel = null;
        store.clear();
      }
      return;
    }
    if (analysable(lastModel, m)) run();
    else lastModel = m;
  });
  const offStore = store.subscribe(() => {
    if (store.getState().whatIf !== lastWhatIf && studio.getState().model) run();
  });
  if (studio.getState().model) run();

  return {
    refresh: run,
    client,
    dispose() {
      offStudio();
      offStore();
      client.dispose();
    },
  };
}
