export * from './types';
export * from './elk-graph';
export * from './layout';
