export * from './View.mjs';
export * from './Listener.mjs';
export * from './Events.mjs';
export * from './Collection.mjs';
export * from './Model.mjs';
export * from './ViewBase.mjs';
export { default as Data } from './Data.mjs';
export { default as $ } from './Dom/index.mjs';
export * from './Dom/Event.mjs';
