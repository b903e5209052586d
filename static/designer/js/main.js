// The one entry module of every page: starts the gallery, the editor or the watch page
// (a live run, read-only), by the page's `data-page`, and shows a clear message if one
// cannot start.

const starters = {
  gallery: async () => (await import('./view/gallery.js')).startGallery(document.querySelector('.site-main')),
  editor: async () => (await import('./app/editor.js')).startEditor(document.querySelector('[data-editor]')),
  watch: async () => (await import('./live/watch.js')).startWatch(document.querySelector('[data-watch]')),
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
