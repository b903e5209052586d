export * from './rightAnglePath.mjs';
