// Modal dialogs on the native <dialog> element: a title, body nodes and buttons; resolves
// with the value of the button pressed (null when dismissed with Escape).

import { h } from './dom.js';

export function openDialog({ title, body = [], buttons = [{ label: 'Close', value: null }], name = 'dialog', wide = false }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: `dialog${wide ? ' dialog-wide' : ''}`, 'data-dialog': name, 'aria-label': title });
    const close = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    const actions = h('div', { class: 'dialog-actions' }, buttons.map((button) =>
      h('button', {
        type: 'button', class: `button${button.primary ? ' primary' : ''}`, 'data-choice': button.value ?? 'close',
        onclick: () => close(button.value ?? null), text: button.label,
      })));
    dialog.append(h('h2', { class: 'dialog-title', text: title }), h('div', { class: 'dialog-body' }, body), actions);
    dialog.addEventListener('cancel', (evt) => {
      evt.preventDefault();
      close(null);
    });
    document.body.append(dialog);
    dialog.showModal();
    (dialog.querySelector('.primary') || dialog.querySelector('button'))?.focus();
  });
}

// A short message that fades by itself (a refused wire, a paste); `data-toast` for tests.
// `details` stay hidden behind a `more` button; opening them keeps the toast until closed.
export function toast(message, { kind = 'info', ms = 6000, details = '', more = 'more…' } = {}) {
  let host = document.querySelector('[data-toasts]');
  if (!host) {
    host = h('div', { class: 'toasts', 'data-toasts': '', role: 'status', 'aria-live': 'polite' });
    document.body.append(host);
  }
  const note = h('div', { class: `toast toast-${kind}`, 'data-toast': kind }, h('span', { 'data-toast-text': '', text: message }));
  const timer = setTimeout(() => note.remove(), ms);
  note.addEventListener('click', () => note.remove());
  if (details) {
    const text = h('p', { class: 'toast-details', 'data-toast-details': '', hidden: true, text: details });
    const toggle = h('button', { type: 'button', class: 'toast-more', 'data-toast-more': '', 'aria-expanded': 'false', text: more });
    toggle.addEventListener('click', (evt) => {
      evt.stopPropagation();
      clearTimeout(timer);
      text.hidden = !text.hidden;
      toggle.setAttribute('aria-expanded', String(!text.hidden));
    });
    note.append(' ', toggle, text);
  }
  host.append(note);
  return note;
}
