// The keyboard shortcuts overlay (`?`): the action registry's keys (model/actions.js's
// `shortcuts()`: groups of {keys, label}), as a table, and what the mouse does.

import { openDialog } from './dialogs.js';
import { h } from './dom.js';

export function showShortcuts(groups) {
  const rows = [];
  for (const { group, rows: entries } of groups) {
    rows.push(h('tr', { class: 'shortcut-group' }, h('th', { colspan: '2', scope: 'colgroup', text: group })));
    for (const { keys, label } of entries) {
      rows.push(h('tr', { 'data-shortcut': keys[0] },
        h('td', {}, keys.map((key, i) => [i ? ' or ' : '', h('kbd', { text: key })])), h('td', { text: label })));
    }
  }
  const mouse = [
    ['Drag from the palette', 'add a service'],
    ['Drag from a node’s right handle to another node', 'wire them'],
    ['Drag on the background', 'select with a rubber band (Shift adds)'],
    ['Space + drag, middle-drag, or scroll', 'pan'],
    ['Ctrl + scroll, or pinch', 'zoom'],
    ['Double-click a node', 'rename it'],
    ['The ‹ › handles on the canvas’s edges', 'hide or show the services and properties panels'],
  ].map(([what, does]) => h('tr', {}, h('td', { text: what }), h('td', { text: does })));
  return openDialog({
    title: 'Keyboard shortcuts',
    name: 'shortcuts',
    wide: true,
    body: [h('table', { class: 'shortcuts' }, h('tbody', {}, rows,
      h('tr', { class: 'shortcut-group' }, h('th', { colspan: '2', scope: 'colgroup', text: 'Mouse' })), mouse))],
  });
}
