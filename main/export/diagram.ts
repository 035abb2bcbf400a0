/**
 * architecture.svg for the package: the same ELK layout code the canvas uses
 * (elk.bundled on this thread) rendered to a static SVG by shared/diagram.
 * Positions the studio saved in `layout:` are kept (place-new mode); a model
 * without any is laid out from scratch.
 */
import type { AnalysisResult } from '../../shared/analysis/types';
import { exportLayoutMode, layoutModel } from '../../shared/diagram';
import { createBundledElk } from '../../shared/diagram/node-elk';
import { renderSvg } from '../../shared/diagram/svg';
import type { Model } from '../../shared/model/types';

export async function renderDiagramSvg(model: Model, analysis?: AnalysisResult): Promise<string | undefined> {
  const layout = await layoutModel(model, { elk: createBundledElk(), mode: exportLayoutMode(model) });
  return renderSvg(model, layout, analysis ? { analysis } : {});
}
