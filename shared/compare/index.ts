export * from './model-diff';
export * from './analysis-diff';
