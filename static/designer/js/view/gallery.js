// The gallery page: the visitor's diagrams and the examples from `/api/diagrams/`, each
// with open, duplicate and (own diagrams) delete. Names and descriptions go in as text.
// The REST client (`api`: listDiagrams, duplicateDiagram, deleteDiagram) is the page's
// (app/gallery.js).

import { openDialog } from './dialogs.js';
import { clear, h } from './dom.js';
import { diagramThumbnail } from './thumbnail.js';

export async function renderGallery(root, { api }) {
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
    // Examples in their suggested order, so the first card is the one to start with.
    const examples = diagrams.filter((d) => d.is_example).sort((a, b) => (a.guide?.order ?? 99) - (b.guide?.order ?? 99));
    const groups = { mine: diagrams.filter((d) => !d.is_example), examples };
    for (const [name, items] of Object.entries(groups)) {
      clear(lists[name]).append(...items.map((diagram) => card(diagram, { api, refresh })));
      statuses[name].textContent = items.length ? '' : name === 'mine' ? 'No diagrams yet: start a new one or duplicate an example.' : 'No example diagrams yet.';
      statuses[name].hidden = items.length > 0;
    }
    root.dataset.loaded = 'true';
  };
  await refresh();
}

function card(diagram, page) {
  const description = diagram.document?.description || '';
  const open = `/diagrams/${diagram.id}/`;
  const actions = h('div', { class: 'card-actions' },
    h('a', { class: 'button', href: open, 'data-action': 'open', text: 'Open' }),
    h('button', { type: 'button', class: 'button', 'data-action': 'duplicate', text: 'Duplicate…', onclick: () => duplicate(diagram, page) }),
    diagram.is_example ? null : h('button', { type: 'button', class: 'button danger', 'data-action': 'delete', text: 'Delete', onclick: () => remove(diagram, page) }));
  const nodes = diagram.document?.nodes?.length ?? 0;
  const guide = diagram.guide;
  return h('li', { class: `card${diagram.is_example ? ' example' : ''}`, 'data-diagram-id': diagram.id, 'data-example': diagram.is_example ? 'true' : null },
    h('a', { class: 'card-picture', href: open, tabindex: '-1', 'aria-hidden': 'true' }, diagramThumbnail(diagram.document)),
    guide ? h('p', { class: 'card-guide', 'data-guide-order': guide.order, 'data-level': guide.level },
      h('span', { class: 'card-step', text: `Step ${guide.order}` }),
      h('span', { class: `card-level level-${guide.level}`, text: `Level ${guide.level} · ${guide.level_name}` })) : null,
    h('h3', { class: 'card-name' }, h('a', { href: open, text: diagram.name })),
    description ? h('p', { class: 'card-description', text: description }) : null,
    h('p', { class: 'card-meta', text: `${nodes} nodes · ${diagram.is_example ? 'example, read-only' : `revision ${diagram.revision}, saved ${when(diagram.updated)}`}` }),
    actions);
}

// Asks for the copy's name ("Copy of …" to start with), then makes it and opens it.
async function duplicate(diagram, { api, refresh }) {
  const input = h('input', { type: 'text', value: `Copy of ${diagram.name}`.slice(0, 200), maxlength: '200', 'data-field': 'copy-name', id: 'copy-name' });
  const asked = openDialog({
    title: `Duplicate “${diagram.name}”`,
    name: 'duplicate',
    body: [h('label', { class: 'field-name', for: 'copy-name', text: 'Name of the copy' }), input],
    buttons: [{ label: 'Cancel', value: null }, { label: 'Duplicate', value: 'duplicate', primary: true }],
  });
  input.addEventListener('keydown', (evt) => {
    if (evt.key === 'Enter') input.closest('dialog')?.querySelector('[data-choice="duplicate"]')?.click();
  });
  input.focus();
  input.select();
  if ((await asked) !== 'duplicate') return;
  try {
    const copy = await api.duplicateDiagram(diagram.id, input.value.trim() || `Copy of ${diagram.name}`);
    window.location.assign(`/diagrams/${copy.id}/`);
  } catch (error) {
    await openDialog({ title: 'Could not duplicate', body: [h('p', { text: error.message })] });
    refresh();
  }
}

async function remove(diagram, { api, refresh }) {
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
