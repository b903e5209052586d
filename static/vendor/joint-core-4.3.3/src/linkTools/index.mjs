export * from './Vertices.mjs';
export * from './Segments.mjs';
export * from './Arrowhead.mjs';
export * from './Anchor.mjs';
export * from './RotateLabel.mjs';

export * from '../cellTools/Button.mjs';
export * from '../cellTools/Boundary.mjs';
export * from '../cellTools/Connect.mjs';
export * from '../cellTools/HoverConnect.mjs';
export * from '../cellTools/Control.mjs';
