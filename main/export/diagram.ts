/**
 * architecture.svg for the package: the same ELK layout code the canvas uses
 * (elk.bundled on this thread), rendered to SVG by shared/diagram.
 * Returns undefined while the SVG renderer is not available.
 */
import type { Model } from '../../shared/model/types';

export async function renderDiagramSvg(_model: Model): Promise<string | undefined> {
  return undefined;
}
