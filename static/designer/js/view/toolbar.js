// The toolbar in the editor template, its "More" menu and every other `data-action`
// button of the editor (the banner's, the live panel's): a click asks for the action with
// a bus `action`. What each button shows comes from the action registry
// (model/actions.js): whether it can act now (`actions:change`), its tooltip with the
// registry's shortcut, and the shortcut in a menu item's <kbd>. The save status is text.

export function attachToolbar(root, { bus, actions }) {
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
  const described = new WeakMap(); // button -> the template's own tooltip
  bus.on('actions:change', ({ enabled }) => {
    for (const el of root.querySelectorAll('button[data-action]')) {
      const name = el.dataset.action;
      if (!(name in enabled)) continue;
      if (!described.has(el)) {
        described.set(el, el.title);
        const kbd = el.querySelector('kbd');
        const keys = actions.get(name).keys;
        if (kbd && keys.length) kbd.textContent = keys[0];
      }
      el.disabled = !enabled[name];
      el.title = actions.titleOf(name, described.get(el));
    }
  });
  const status = root.ownerDocument.querySelector('[data-save-status]');
  bus.on('save:state', ({ state, message }) => {
    if (status) {
      status.dataset.state = state;
      status.textContent = message;
    }
    const retry = root.ownerDocument.querySelector('[data-action="retry-save"]');
    if (retry) retry.hidden = state !== 'offline';
  });
}
