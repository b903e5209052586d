// The one entry module of every page: starts the gallery, the editor or the watch page
// (a live run, read-only), by the page's `data-page`, and shows a clear message if one
// cannot start.

import { api } from './net/api.js';

const starters = {
  gallery: async () => (await import('./app/gallery.js')).startGallery(document.querySelector('.site-main')),
  editor: async () => {
    // The catalogue and the diagram are asked for now, while the editor's modules load.
    const root = document.querySelector('[data-editor]');
    const id = root?.dataset.shareToken ? null : root?.dataset.diagramId; // a shared page reads by token
    const early = { catalog: api.catalog(), diagram: id ? api.getDiagram(id) : null };
    for (const pending of Object.values(early)) pending?.catch(() => {}); // awaited by the editor
    return (await import('./app/editor.js')).startEditor(document.querySelector('[data-editor]'), early);
  },
  watch: async () => (await import('./app/watch.js')).startWatch(document.querySelector('[data-watch]')),
  lessons: async () => (await import('./app/lessons.js')).startLessons(document.querySelector('.site-main')),
};

const start = starters[document.body.dataset.page];
if (start) {
  start().catch((error) => {
    const note = document.createElement('p');
    note.className = 'boot-error';
    note.setAttribute('data-boot-error', '');
    note.setAttribute('role', 'alert');
    note.textContent = `Eventyard could not start this page: ${error.message}`;
    document.querySelector('.site-main')?.prepend(note);
    throw error;
  });
}
