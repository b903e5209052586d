// The gallery page: the visitor's diagrams and the examples from `/api/diagrams/`, each
// with open, duplicate and (own diagrams) delete. Names and descriptions go in as text.

import { api } from '../net/api.js';
import { openDialog } from './dialogs.js';
import { clear, h } from './dom.js';

export async function startGallery(root) {
  const lists = {
    mine: root.querySelector('[data-gallery-list="mine"]'),
    examples: root.querySelector('[data-gallery-list="examples"]'),
  };
  const statuses = {
    mine: root.querySelector('[data-gallery-status="mine"]'),
    examples: root.querySelector('[data-gallery-status="examples"]'),
  };
  const refresh = async () => {
    let diagrams;
    try {
      diagrams = await api.listDiagrams();
    } catch (error) {
      for (const status of Object.values(statuses)) status.textContent = `Could not load the diagrams: ${error.message}`;
      return;
    }
    const groups = { mine: diagrams.filter((d) => !d.is_example), examples: diagrams.filter((d) => d.is_example) };
    for (const [name, items] of Object.entries(groups)) {
      clear(lists[name]).append(...items.map((diagram) => card(diagram, refresh)));
      statuses[name].textContent = items.length ? '' : name === 'mine' ? 'No diagrams yet: start a new one or duplicate an example.' : 'No example diagrams yet.';
      statuses[name].hidden = items.length > 0;
    }
    root.dataset.loaded = 'true';
  };
  await refresh();
}

function card(diagram, refresh) {
  const description = diagram.document?.description || '';
  const open = `/diagrams/${diagram.id}/`;
  const actions = h('div', { class: 'card-actions' },
    h('a', { class: 'button', href: open, 'data-action': 'open', text: 'Open' }),
    h('button', { type: 'button', class: 'button', 'data-action': 'duplicate', text: 'Duplicate', onclick: () => duplicate(diagram, refresh) }),
    diagram.is_example ? null : h('button', { type: 'button', class: 'button danger', 'data-action': 'delete', text: 'Delete', onclick: () => remove(diagram, refresh) }));
  const nodes = diagram.document?.nodes?.length ?? 0;
  return h('li', { class: `card${diagram.is_example ? ' example' : ''}`, 'data-diagram-id': diagram.id, 'data-example': diagram.is_example ? 'true' : null },
    h('h3', { class: 'card-name' }, h('a', { href: open, text: diagram.name })),
    description ? h('p', { class: 'card-description', text: description }) : null,
    h('p', { class: 'card-meta', text: `${nodes} nodes · ${diagram.is_example ? 'example, read-only' : `revision ${diagram.revision}, saved ${when(diagram.updated)}`}` }),
    actions);
}

async function duplicate(diagram, refresh) {
  try {
    const copy = await api.duplicateDiagram(diagram.id);
    window.location.assign(`/diagrams/${copy.id}/`);
  } catch (error) {
    await openDialog({ title: 'Could not duplicate', body: [h('p', { text: error.message })] });
    refresh();
  }
}

async function remove(diagram, refresh) {
  const answer = await openDialog({
    title: 'Delete this diagram?',
    name: 'confirm-delete',
    body: [h('p', { text: `“${diagram.name}” and its revisions will be gone for good.` })],
    buttons: [{ label: 'Cancel', value: null }, { label: 'Delete', value: 'delete', primary: true }],
  });
  if (answer !== 'delete') return;
  try {
    await api.deleteDiagram(diagram.id);
  } catch (error) {
    await openDialog({ title: 'Could not delete', body: [h('p', { text: error.message })] });
  }
  refresh();
}

function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? 'unknown' : date.toLocaleString();
}
