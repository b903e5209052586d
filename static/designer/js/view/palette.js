// The palette, built from the catalogue: one item per node type and preset, with its icon,
// a search box, drag onto the canvas (or press Enter / double-click to add at the centre).

import { PALETTE_MIME } from './canvas-input.js';
import { clear, h, iconUrl } from './dom.js';

export function renderPalette(root, { catalog, bus, readOnly }) {
  const search = h('input', {
    type: 'search', class: 'palette-search', placeholder: 'Search services…', 'aria-label': 'Search the palette',
    'data-palette-search': '',
  });
  const list = h('ul', { class: 'palette-list', role: 'list' });
  const empty = h('p', { class: 'palette-empty', hidden: true, text: 'Nothing matches.' });
  clear(root).append(h('h2', { class: 'panel-title', text: 'Services' }), search, list, empty);

  const items = catalog.paletteEntries().map((entry) => {
    const item = h(
      'li',
      {
        class: 'palette-item',
        draggable: readOnly ? 'false' : 'true',
        tabindex: '0',
        title: entry.description || entry.label,
        'data-palette-type': entry.key,
        'aria-disabled': readOnly ? 'true' : null,
      },
      h('img', { src: iconUrl(entry.type), alt: '', width: '28', height: '28', draggable: 'false' }),
      h('span', { class: 'palette-label' },
        h('span', { class: 'palette-name', text: entry.label }),
        h('span', { class: 'palette-type', text: entry.key === entry.type ? entry.type : `${entry.type} · ${entry.role}` })),
    );
    item.addEventListener('dragstart', (evt) => {
      if (readOnly) {
        evt.preventDefault();
        return;
      }
      evt.dataTransfer.setData(PALETTE_MIME, entry.key);
      evt.dataTransfer.setData('text/plain', entry.label);
      evt.dataTransfer.effectAllowed = 'copy';
    });
    const add = () => !readOnly && bus.emit('intent:drop', { key: entry.key, atCentre: true });
    item.addEventListener('dblclick', add);
    item.addEventListener('keydown', (evt) => {
      if (evt.key === 'Enter') add();
    });
    list.append(item);
    const haystack = `${entry.label} ${entry.key} ${entry.description || ''}`.toLowerCase();
    return { item, haystack };
  });

  search.addEventListener('input', () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const { item, haystack } of items) {
      const match = words.every((word) => haystack.includes(word));
      item.hidden = !match;
      shown += match ? 1 : 0;
    }
    empty.hidden = shown > 0;
  });
}
