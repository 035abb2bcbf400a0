export * from './ids';
export * from './schema';
export * from './types';
export * from './defaults';
