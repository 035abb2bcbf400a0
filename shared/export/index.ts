/**
 * The design package (model-format.md section 8): relative path -> content.
 * Pure: the caller computes the analysis, layout and SVG (they are async or
 * need the model file's positions) and writes the files (main/export).
 */
import { toSarif, type AnalysisResult } from '../analysis';
import type { DiagramLayout } from '../diagram/types';
import { renderSvg } from '../diagram/svg';
import type { ParseResult } from '../parse/types';
import { safeFileStem, type Model } from '../model';
import { adrFileName, adrMarkdown } from './adr';
import { alertsYaml } from './alerts';
import { asyncApiYaml } from './asyncapi';
import { messageJsonSchemaText, modelMessages } from './jsonschema';
import { mermaidFlowchart } from './mermaid';
import { openApiYaml, restApiNodes } from './openapi';
import { grpcApiNodes, protoFile } from './proto';
import { toMarkdown } from './document';
import { reportBlocks } from './report';
import { reportHtmlOf } from './report-html';
import { relationalDatabases, sqlDdl } from './sql';
import { writeModel } from '../write';

export interface DesignPackageOptions {
  analysis?: AnalysisResult;
  /** architecture.svg, as rendered by shared/diagram. Left out of the package when absent (and no layout is given). */
  svg?: string;
  /** A finished layout: architecture.svg is rendered from it when `svg` is not given. */
  layout?: DiagramLayout;
  /** The model file's own text: copied verbatim to model.keel.yaml (comments and order kept). */
  source?: string;
  /** Positions in `source`, so SARIF results point at lines of model.keel.yaml. */
  locate?: ParseResult['locate'];
  toolVersion?: string;
}

/** Name of the manifest main/export writes beside the package; never a package file. */
export const PACKAGE_MANIFEST = '.keel-package.json';

export function buildDesignPackage(model: Model, options: DesignPackageOptions = {}): Map<string, string> {
  const svg =
    options.svg ??
    (options.layout
      ? renderSvg(model, options.layout, options.analysis ? { analysis: options.analysis } : {})
      : undefined);
  return withReports(model, buildContracts(model, options), { ...options, ...(svg ? { svg } : {}) });
}

/**
 * Everything but the SVG and the two reports: the part that does not wait for
 * the layout, so a caller can build it while ELK runs elsewhere.
 */
export function buildContracts(
  model: Model,
  options: Omit<DesignPackageOptions, 'svg' | 'layout'> = {},
): Map<string, string> {
  const files = new Map<string, string>();
  const { analysis } = options;

  for (const [id, node] of restApiNodes(model))
    files.set(`openapi/${safeFileStem(id)}.yaml`, openApiYaml(model, id, node));
  for (const [id, node] of grpcApiNodes(model))
    files.set(`proto/${safeFileStem(id)}.proto`, protoFile(model, id, node));
  files.set('asyncapi.yaml', asyncApiYaml(model));
  for (const [id, db] of relationalDatabases(model))
    files.set(`schemas/${safeFileStem(id)}.sql`, sqlDdl(model, id, db));
  for (const msg of modelMessages(model)) {
    files.set(`schemas/messages/${safeFileStem(msg.name)}.schema.json`, messageJsonSchemaText(model, msg));
  }
  files.set('architecture.mmd', mermaidFlowchart(model));
  if (analysis) {
    files.set('analysis.json', JSON.stringify(analysis, null, 2) + '\n');
    const sarif = toSarif(analysis, {
      file: 'model.keel.yaml',
      ...(options.source && options.locate ? { locate: options.locate } : {}),
      toolVersion: options.toolVersion ?? '0.0.0',
    });
    files.set('analysis.sarif', JSON.stringify(sarif, null, 2) + '\n');
  }
  for (const [i, d] of (model.decisions ?? []).entries())
    files.set(`decisions/${adrFileName(d, i)}`, adrMarkdown(d, i));
  files.set('observability/alerts.yaml', alertsYaml(model, analysis));
  files.set('model.keel.yaml', options.source ?? writeModel(model));
  return files;
}

/** Adds architecture.svg (when given), README.md and report.html to `contracts`; returns the whole package, sorted. */
export function withReports(
  model: Model,
  contracts: Map<string, string>,
  options: DesignPackageOptions = {},
): Map<string, string> {
  const { analysis, svg } = options;
  const files = new Map(contracts);
  if (svg) files.set('architecture.svg', svg);
  // The reports list every file, themselves included.
  const listed = [...files.keys(), 'README.md', 'report.html'].sort();
  const flowchart = files.get('architecture.mmd');
  const input = {
    files: listed,
    ...(analysis ? { analysis } : {}),
    ...(svg ? { svg } : {}),
    ...(flowchart ? { flowchart } : {}),
  };
  const blocks = reportBlocks(model, input);
  files.set('README.md', toMarkdown(blocks));
  files.set('report.html', reportHtmlOf(model, blocks));
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

export { adrFileName, adrMarkdown } from './adr';
export { alertRules, alertsYaml } from './alerts';
export { asyncApiDocument, asyncApiYaml } from './asyncapi';
export { exampleFor } from './examples';
export { messageJsonSchema, modelMessages } from './jsonschema';
export { mermaidEr, mermaidFlowchart } from './mermaid';
export { openApiDocument, openApiYaml, restApiNodes } from './openapi';
export { grpcApiNodes, protoFile } from './proto';
export { reportBlocks, reportMarkdown } from './report';
export { reportHtml } from './report-html';
export { relationalDatabases, sqlDdl } from './sql';
