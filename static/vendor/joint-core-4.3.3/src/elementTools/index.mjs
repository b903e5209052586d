export { HoverConnect } from './HoverConnect.mjs';

export { Button, Remove } from '../cellTools/Button.mjs';
export { Connect } from '../cellTools/Connect.mjs';
export { Boundary } from '../cellTools/Boundary.mjs';
export { Control } from '../cellTools/Control.mjs';
