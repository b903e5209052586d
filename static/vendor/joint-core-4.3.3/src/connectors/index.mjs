export * from './straight.mjs';
export * from './jumpover.mjs';
export * from './normal.mjs';
export * from './rounded.mjs';
export * from './smooth.mjs';
export * from './curve.mjs';
