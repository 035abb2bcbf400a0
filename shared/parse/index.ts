export * from './types';
export { validateModel, type Issue, type IssuePath } from './validate';
