/**
 * The design package as the CLI and the studio build it: the layout runs on a
 * worker thread while this thread analyses the model and writes the contracts;
 * the SVG and the reports follow once the layout is back. Same files as
 * buildDesignPackage, in about the time of the slower half.
 */
import { analyze, type AnalysisResult } from '../../shared/analysis';
import { layoutModel } from '../../shared/diagram';
import { renderSvg } from '../../shared/diagram/svg';
import { buildContracts, withReports, type DesignPackageOptions } from '../../shared/export';
import type { Model } from '../../shared/model/types';
import { sharedWorkerElk } from './worker-elk';

export interface BuiltPackage {
  files: Map<string, string>;
  analysis: AnalysisResult;
}

export async function buildPackage(
  model: Model,
  options: Omit<DesignPackageOptions, 'analysis' | 'svg'> = {},
): Promise<BuiltPackage> {
  const saved = Object.keys(model.layout ?? {}).length > 0;
  // Started first: toElkGraph runs here, ELK itself on the worker.
  const layout = layoutModel(model, { elk: sharedWorkerElk(), mode: saved ? { kind: 'place-new' } : { kind: 'all' } });
  const analysis = analyze(model);
  const contracts = buildContracts(model, { ...options, analysis });
  const svg = renderSvg(model, await layout, { analysis });
  return { files: withReports(model, contracts, { ...options, analysis, svg }), analysis };
}
