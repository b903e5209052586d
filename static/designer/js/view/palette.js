// The palette, built from the catalogue: one item per node type and preset, with its icon,
// under the group the catalogue gives it ("Messaging", "Streaming", ...), a search box,
// drag onto the canvas (or press Enter / double-click to add at the centre).

import { PALETTE_MIME } from './canvas-input.js';
import { clear, h, iconUrl } from './dom.js';

export function renderPalette(root, { catalog, bus, readOnly }) {
  const search = h('input', {
    type: 'search', class: 'palette-search', placeholder: 'Search services…', 'aria-label': 'Search the palette',
    'data-palette-search': '',
  });
  const empty = h('p', { class: 'palette-empty', hidden: true, text: 'Nothing matches.' });
  clear(root).append(h('h2', { class: 'panel-title', text: 'Services' }), search);
  const items = [];
  const sections = catalog.paletteGroups().map(({ group, entries }) => {
    const list = h('ul', { class: 'palette-list', role: 'list', 'aria-label': group });
    const section = h('section', { class: 'palette-group', 'data-palette-group': group },
      h('h3', { class: 'panel-title', text: group }), list);
    const mine = entries.map((entry) => paletteItem(entry, { bus, readOnly }));
    list.append(...mine.map(({ item }) => item));
    items.push(...mine);
    root.append(section);
    return { section, mine };
  });
  root.append(empty);

  search.addEventListener('input', () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    for (const { item, haystack } of items) item.hidden = !words.every((word) => haystack.includes(word));
    for (const { section, mine } of sections) section.hidden = mine.every(({ item }) => item.hidden);
    empty.hidden = items.some(({ item }) => !item.hidden);
  });
}

function paletteItem(entry, { bus, readOnly }) {
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
    h('img', { src: entry.icon || iconUrl(entry.type), alt: '', width: '28', height: '28', draggable: 'false' }),
    h('span', { class: 'palette-label' },
      h('span', { class: 'palette-name', text: entry.label }),
      h('span', { class: 'palette-type', text: entry.key === entry.type ? entry.type : `${entry.type} · ${entry.role || entry.key.split(':').pop()}` })),
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
  const haystack = `${entry.label} ${entry.key} ${entry.group || ''} ${entry.description || ''}`.toLowerCase();
  return { item, haystack };
}
