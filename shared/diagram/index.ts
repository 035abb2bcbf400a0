/** The diagram core without ELK itself (node-elk.ts brings elk.bundled for Node). */
export * from './types';
export * from './elk-graph';
export * from './layout';
export * from './ports';
export * from './icons';
export * from './text';
export { renderSvg, escapeXml, type SvgOptions } from './svg';
