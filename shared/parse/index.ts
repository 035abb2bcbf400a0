export * from './types';
export { validateModel, type Issue, type IssuePath } from './validate';
export { createValidator, type IncrementalValidator } from './incremental-validate';
export { parseModel, parseModelBytes, FORMAT_VERSION } from './parse';
export { MAX_MODEL_BYTES, MAX_DEPTH, MAX_ALIAS_COUNT } from './limits';
