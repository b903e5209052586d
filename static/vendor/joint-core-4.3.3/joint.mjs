// joint core
export * from './src/core.mjs';

export * as shapes from './src/shapes/index.mjs';
