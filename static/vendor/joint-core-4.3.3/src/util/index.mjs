export * from './wrappers.mjs';
export * from './util.mjs';
export * from './cloneCells.mjs';
export * from './svgTagTemplate.mjs';
export * from './calc.mjs';
export { getRectPoint } from './getRectPoint.mjs';
