// Keyboard shortcuts: one table, used both to handle keys and to show the `?` overlay.
// Keys typed into a field belong to the field, never to the canvas. A shortcut whose
// toolbar button is disabled (or hidden) does nothing, as the button would; the run
// controls press their buttons (`press`: the first of them that can act now).

import { isTyping } from '../view/canvas-input.js';

export const SHORTCUTS = [
  { keys: ['Ctrl+Z'], what: 'Undo', action: 'undo' },
  { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], what: 'Redo', action: 'redo' },
  { keys: ['Ctrl+S'], what: 'Save now', action: 'save' },
  { keys: ['Delete', 'Backspace'], what: 'Delete the selection', action: 'delete' },
  { keys: ['Ctrl+A'], what: 'Select everything', action: 'select-all' },
  { keys: ['Ctrl+C'], what: 'Copy the selected nodes (and the edges between them)', action: 'copy' },
  { keys: ['Ctrl+V'], what: 'Paste', action: 'paste' },
  { keys: ['Ctrl+D'], what: 'Duplicate the selection', action: 'duplicate-selection' },
  { keys: ['+', '='], what: 'Zoom in', action: 'zoom-in' },
  { keys: ['-'], what: 'Zoom out', action: 'zoom-out' },
  { keys: ['0'], what: 'Zoom to 100%', action: 'zoom-reset' },
  { keys: ['F'], what: 'Fit the diagram in view', action: 'fit' },
  { keys: ['L'], what: 'Auto-layout', action: 'layout' },
  { keys: ['G'], what: 'Snap to grid on/off', action: 'snap' },
  { keys: ['P'], what: 'Presenter mode on/off (Esc leaves it)', action: 'present' },
  { keys: ['Escape'], what: 'Clear the selection', action: 'deselect' },
  { keys: ['?'], what: 'Show these shortcuts', action: 'help' },
  { keys: ['Tab', 'Shift+Tab'], what: 'On the canvas: focus the next or previous node', group: 'Nodes' },
  { keys: ['Enter'], what: 'Select the focused node (Shift+Enter adds it to the selection)', group: 'Nodes' },
  { keys: ['←', '→', '↑', '↓'], what: 'Move the selected nodes one grid step (Shift: 1 px)', group: 'Nodes' },
  { keys: ['R'], what: 'Run the diagram live', press: ['run'], group: 'Live run' },
  { keys: ['K'], what: 'Pause or resume the run', press: ['pause', 'resume'], group: 'Live run' },
  { keys: ['.'], what: 'Step: one engine event (a paused run)', press: ['step'], group: 'Live run' },
  { keys: ['Shift+N'], what: 'Step one simulated second', press: ['step-second'], group: 'Live run' },
  { keys: ['N'], what: 'Skip to the next event', action: 'skip', group: 'Live run' },
  { keys: [']'], what: 'Seek 10 simulated seconds on', action: 'seek-forward', group: 'Live run' },
  { keys: ['['], what: 'Seek 10 simulated seconds back', action: 'seek-back', group: 'Live run' },
  { keys: ['Shift+R'], what: 'Reset the run (same seed)', press: ['reset'], group: 'Live run' },
  { keys: ['<'], what: 'Slower', speed: -1, group: 'Live run' },
  { keys: ['>'], what: 'Faster', speed: 1, group: 'Live run' },
];

function matches(combo, evt) {
  const parts = combo.split('+');
  const key = combo.endsWith('++') || combo === '+' ? '+' : parts.pop();
  const wantsMod = parts.includes('Ctrl');
  const wantsShift = parts.includes('Shift');
  const mod = evt.ctrlKey || evt.metaKey;
  if (wantsMod !== mod) return false;
  if (key.length === 1 && !/[a-z0-9]/i.test(key)) return evt.key === key;
  if (wantsShift !== evt.shiftKey) return false;
  return evt.key.toLowerCase() === key.toLowerCase();
}

export function attachKeyboard({ bus }) {
  window.addEventListener('keydown', (evt) => {
    if (isTyping(evt.target) || evt.target.closest?.('dialog')) return;
    const hit = SHORTCUTS.find((shortcut) => !shortcut.group?.startsWith('Nodes') && shortcut.keys.some((combo) => matches(combo, evt)));
    if (!hit) return;
    evt.preventDefault();
    if (hit.press) pressFirst(hit.press);
    else if (hit.speed) changeSpeed(hit.speed);
    else if (usable(document.querySelector(`[data-toolbar] [data-action="${hit.action}"]`), true)) bus.emit('action', { name: hit.action });
  });
}

// Whether a toolbar button may act (a missing one: `missingOk`).
function usable(button, missingOk = false) {
  if (!button) return missingOk;
  return !button.disabled && !button.hidden;
}

function pressFirst(names) {
  const button = names.map((name) => document.querySelector(`[data-toolbar] [data-action="${name}"]`)).find((el) => usable(el));
  button?.click();
}

function changeSpeed(step) {
  const select = document.querySelector('[data-control="speed"]');
  if (!select || select.disabled) return;
  const next = Math.min(select.options.length - 1, Math.max(0, select.selectedIndex + step));
  if (next === select.selectedIndex) return;
  select.selectedIndex = next;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}
