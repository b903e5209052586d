export * from './normal.mjs';
export * from './oneSide.mjs';
export * from './orthogonal.mjs';
export * from './manhattan.mjs';
export * from './metro.mjs';
export * from './rightAngle.mjs';
