/**
 * The design package as the CLI and the studio build it: the layout runs on a
 * worker thread while this thread analyses the model and writes the contracts;
 * the SVG and the reports follow once the layout is back. Same files as
 * buildDesignPackage, in about the time of the slower half.
 */
import { analyze, type AnalysisResult } from '../../shared/analysis';
import { exportLayoutMode, layoutModel, layoutNeedsElk, type ElkLike } from '../../shared/diagram';
import { renderSvg } from '../../shared/diagram/svg';
import { buildContracts, withReports, type DesignPackageOptions } from '../../shared/export';
import type { Model } from '../../shared/model/types';
import { sharedWorkerElk } from './worker-elk';

export interface BuiltPackage {
  files: Map<string, string>;
  analysis: AnalysisResult;
}

/**
 * Starts the layout worker now, so ELK's 1.5 MB of code loads while the
 * caller reads and parses the model (a 200-node file takes ~0.7 s of CPU to
 * parse). Idle, the worker does not keep the process alive.
 */
export function prewarmExportLayout(): void {
  sharedWorkerElk();
}

export async function buildPackage(
  model: Model,
  options: Omit<DesignPackageOptions, 'analysis' | 'svg'> = {},
): Promise<BuiltPackage> {
  const mode = exportLayoutMode(model);
  // Started first: toElkGraph runs here, ELK itself on the worker. A model
  // whose every node has a position is drawn where the architect put it, and
  // only its links are routed: no ELK, no worker.
  const elk = layoutNeedsElk(model, mode) ? sharedWorkerElk() : noElk;
  const layout = layoutModel(model, { elk, mode });
  const analysis = analyze(model);
  const contracts = buildContracts(model, { ...options, analysis });
  const svg = renderSvg(model, await layout, { analysis });
  return { files: withReports(model, contracts, { ...options, analysis, svg }), analysis };
}

const noElk: ElkLike = {
  layout: () => Promise.reject(new Error('layout: every node has a position, ELK is not needed')),
};
