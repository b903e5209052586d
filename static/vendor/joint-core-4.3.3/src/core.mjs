export { config } from './config/index.mjs';
export { env } from './env/index.mjs';
export { default as setTheme } from './setTheme.mjs';
export { version } from '../dist/version.mjs';
export * as dia from './dia/index.mjs';
export * as elementTools from './elementTools/index.mjs';
export * as linkTools from './linkTools/index.mjs';
export * as anchors from './anchors/index.mjs';
export * as linkAnchors from './linkAnchors/index.mjs';
export * as highlighters from './highlighters/index.mjs';
export * as layout from './layout/index.mjs';
export * as connectionPoints from './connectionPoints/index.mjs';
export * as connectionStrategies from './connectionStrategies/index.mjs';
export * as connectors from './connectors/index.mjs';
export * as routers from './routers/index.mjs';
export * as mvc from './mvc/index.mjs';
export * as util from './util/index.mjs';
export * as alg from './alg/index.mjs';
export {
    default as V,
    default as Vectorizer
} from './V/index.mjs';
export * as g from './g/index.mjs';
