// "Connect to…" in the inspector: the nodes the selected node may be wired to, each with the
// edge kind the wire would make (from the catalogue's allowed pairs), as buttons: the
// keyboard's and the menu's way to wire, beside dragging from the out port.

import { h } from './dom.js';

// Every [target, kind] the node may start that the diagram does not have yet, by label.
export function connectChoices(node, { model, catalog }) {
  const have = new Set(model.edgeList().filter((e) => e.source === node.id).map((e) => `${e.target}|${e.kind}`));
  const choices = [];
  for (const other of model.nodeList()) {
    if (other.id === node.id) continue;
    for (const kind of catalog.kindsFor(node.type, other.type)) {
      if (!have.has(`${other.id}|${kind}`)) choices.push({ target: other, kind });
    }
  }
  const name = (n) => String(n.label || n.id).toLowerCase();
  return choices.sort((a, b) => name(a.target).localeCompare(name(b.target)) || a.kind.localeCompare(b.kind));
}

// The section: a filter box and one button per choice; `state.open` survives re-renders.
export function connectSection(node, { model, catalog, bus, state }) {
  const choices = connectChoices(node, { model, catalog });
  if (!catalog.canBeSource(node.type)) return null;
  const list = h('ul', { class: 'connect-list' }, choices.map(({ target, kind }) => h('li', {},
    h('button', {
      type: 'button', class: 'connect-choice', 'data-connect-target': target.id, 'data-connect-kind': kind,
      title: catalog.edgeKind(kind)?.description || kind,
      onclick: () => bus.emit('intent:connect', { source: node.id, target: target.id, kind, keepSelection: true }),
    }, h('span', { class: 'connect-name', text: target.label || target.id }), h('span', { class: 'connect-kind', text: kind })))));
  const filter = h('input', {
    type: 'search', class: 'connect-filter', placeholder: 'Filter by name or kind', 'aria-label': 'Filter the nodes to connect to',
    'data-connect-filter': '',
  });
  filter.addEventListener('input', () => {
    const text = filter.value.trim().toLowerCase();
    for (const button of list.querySelectorAll('button')) {
      button.parentElement.hidden = Boolean(text) && !button.textContent.toLowerCase().includes(text);
    }
  });
  const empty = choices.length ? null : h('p', { class: 'hint', text: 'No other node here may be wired from this one.' });
  const details = h('details', { class: 'connect', 'data-connect': node.id, open: state.open },
    h('summary', { text: `Connect to… (${choices.length})` }), choices.length > 6 ? filter : null, list, empty);
  details.addEventListener('toggle', () => (state.open = details.open));
  return details;
}
