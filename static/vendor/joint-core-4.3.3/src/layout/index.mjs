export * as Port from './ports/port.mjs';
export * as PortLabel from './ports/portLabel.mjs';
