// Geometry library.
// -----------------

export * from './geometry.helpers.mjs';
export * from './bezier.mjs';
export * from './curve.mjs';
export * from './ellipse.mjs';
export * from './line.mjs';
export * from './path.mjs';
export * from './point.mjs';
export * from './polyline.mjs';
export * from './polygon.mjs';
export * from './rect.mjs';
export * from './types.mjs';

export * as intersection from './intersection.mjs';
