// The toolbar in the editor template: each `data-action` button emits `action` on the bus;
// undo, redo, delete and save show whether they can act now; the save status is text.

export function attachToolbar(root, { bus, readOnly }) {
  const button = (name) => root.querySelector(`[data-action="${name}"]`);
  const more = root.querySelector('[data-more-menu]');
  root.addEventListener('click', (evt) => {
    const target = evt.target.closest('[data-action]');
    if (!target || target.disabled || target.tagName === 'A') return;
    if (more?.contains(target)) more.open = false;
    bus.emit('action', { name: target.dataset.action });
  });
  // The overflow menu closes on a click elsewhere or Escape, like any menu.
  root.ownerDocument.addEventListener('pointerdown', (evt) => {
    if (more?.open && !more.contains(evt.target)) more.open = false;
  });
  more?.addEventListener('keydown', (evt) => {
    if (evt.key === 'Escape' && more.open) {
      more.open = false;
      more.querySelector('summary').focus();
      evt.stopPropagation();
    }
  });
  const enable = (name, on, title) => {
    const el = button(name);
    if (!el) return;
    el.disabled = readOnly || !on;
    if (title !== undefined) el.title = title;
  };
  bus.on('history:change', ({ undo, redo }) => {
    enable('undo', Boolean(undo), undo ? `Undo ${undo} (Ctrl+Z)` : 'Nothing to undo');
    enable('redo', Boolean(redo), redo ? `Redo ${redo} (Ctrl+Shift+Z)` : 'Nothing to redo');
  });
  bus.on('selection:change', ({ nodes, edges }) => enable('delete', nodes.length + edges.length > 0));
  const status = root.ownerDocument.querySelector('[data-save-status]');
  bus.on('save:state', ({ state, message }) => {
    if (status) {
      status.dataset.state = state;
      status.textContent = message;
    }
    const retry = root.ownerDocument.querySelector('[data-action="retry-save"]');
    if (retry) retry.hidden = state !== 'offline';
  });
  for (const name of ['undo', 'redo', 'delete']) enable(name, false);
  if (readOnly) {
    for (const name of ['save', 'layout', 'paste', 'duplicate-selection', 'share-diagram']) enable(name, false, 'Read-only: duplicate it to edit');
  }
}
