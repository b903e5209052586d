export * from './stroke.mjs';
export * from './mask.mjs';
export * from './opacity.mjs';
export * from './addClass.mjs';
export * from './list.mjs';
