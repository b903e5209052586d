// The side panels collapse: a handle on each edge of the canvas hides or shows the palette
// (left) and the inspector (right), on any screen. On a narrow screen both start collapsed
// so the canvas keeps its room; the layout itself is CSS (layout.css) on the editor's
// `data-palette-collapsed` and `data-inspector-collapsed`.

import { h } from './dom.js';

const NARROW = '(max-width: 900px)';
const SIDES = {
  palette: { edge: 'left', name: 'services', shown: '‹', hidden: '›' },
  inspector: { edge: 'right', name: 'properties', shown: '›', hidden: '‹' },
};

export function attachPanelToggles(root, { bus }) {
  const stage = root.querySelector('.stage');
  const handles = {};
  const set = (panel, collapsed) => {
    const { name, shown, hidden } = SIDES[panel];
    root.toggleAttribute(`data-${panel}-collapsed`, collapsed);
    handles[panel].setAttribute('aria-expanded', String(!collapsed));
    handles[panel].textContent = collapsed ? hidden : shown;
    handles[panel].title = `${collapsed ? 'Show' : 'Hide'} the ${name}`;
  };
  for (const [panel, { edge }] of Object.entries(SIDES)) {
    handles[panel] = h('button', {
      type: 'button', class: `panel-toggle ${edge}`, 'data-panel-toggle': panel,
      onclick: () => set(panel, !root.hasAttribute(`data-${panel}-collapsed`)),
    });
    stage.append(handles[panel]);
  }
  const narrow = window.matchMedia(NARROW);
  const fitScreen = () => Object.keys(SIDES).forEach((panel) => set(panel, narrow.matches));
  narrow.addEventListener('change', fitScreen);
  fitScreen();
  // Selecting a node on a narrow screen brings its properties back.
  bus.on('selection:change', ({ nodes, edges }) => {
    if (narrow.matches && nodes.length + edges.length === 1) set('inspector', false);
  });
  return { set };
}
