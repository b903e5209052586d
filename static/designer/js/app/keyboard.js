// The keyboard: every key press outside a field or a dialog goes to the action registry
// (model/actions.js), which runs the enabled actions the key names; the registry's keys
// are also what the `?` overlay lists. Keys typed into a field belong to the field, never
// to the canvas. The canvas's own keys (view/canvas-input.js) are listed here for the
// overlay, without a handler.

import { isTyping } from '../view/canvas-input.js';

const NODE_KEYS = [
  { name: 'focus-node', keys: ['Tab', 'Shift+Tab'], label: 'On the canvas: focus the next or previous node' },
  { name: 'select-focused', keys: ['Enter'], label: 'Select the focused node (Shift+Enter adds it to the selection)' },
  { name: 'nudge', keys: ['←', '→', '↑', '↓'], label: 'Move the selected nodes one grid step (Shift: 1 px)' },
];

export function attachKeyboard({ actions }) {
  actions.register(...NODE_KEYS.map((entry) => ({ ...entry, group: 'Nodes' })));
  window.addEventListener('keydown', (evt) => {
    if (isTyping(evt.target) || evt.target.closest?.('dialog')) return;
    if (actions.press(evt)) evt.preventDefault();
  });
}
