// "Share diagram": a read-only link to the saved diagram (`/shared/<token>/`), to copy or
// open, and "Stop sharing" to revoke it. The link page offers "Duplicate to edit".

import { openDialog } from './dialogs.js';
import { h } from './dom.js';

export async function openShareDialog({ share, unshare }) {
  const status = h('p', { class: 'hint', 'data-share-status': '', role: 'status', text: 'Making the link…' });
  const link = h('input', { type: 'text', readonly: true, class: 'share-link', 'data-share-link': '', 'aria-label': 'Link to this diagram' });
  link.addEventListener('focus', () => link.select());
  const copy = h('button', { type: 'button', class: 'button', 'data-share-copy': '', text: 'Copy link', disabled: true });
  const open = h('a', { class: 'button', target: '_blank', rel: 'noopener', 'data-share-open': '', text: 'Open', hidden: true });
  const stop = h('button', { type: 'button', class: 'button danger', 'data-share-stop': '', text: 'Stop sharing', disabled: true });
  copy.addEventListener('click', async () => {
    link.select();
    try {
      await navigator.clipboard.writeText(link.value);
      status.textContent = 'Copied. Anyone with the link can look, and duplicate it to edit their own copy.';
    } catch {
      status.textContent = 'Press Ctrl+C to copy the selected link.';
    }
  });
  stop.addEventListener('click', async () => {
    try {
      await unshare();
      link.value = '';
      copy.disabled = stop.disabled = true;
      open.hidden = true;
      status.textContent = 'Sharing stopped: the old link no longer opens this diagram.';
    } catch (error) {
      status.textContent = `Could not stop sharing: ${error.message}`;
    }
  });
  const shown = openDialog({
    title: 'Share diagram', name: 'share-diagram', wide: true,
    body: [h('p', { text: 'Anyone with this link sees the saved diagram, read-only, and can duplicate it to edit a copy of their own.' }),
      h('div', { class: 'share-row' }, link, copy, open), status, stop],
  });
  try {
    const { token } = await share();
    link.value = new URL(`/shared/${encodeURIComponent(token)}/`, window.location.origin).href;
    open.href = link.value;
    open.hidden = false;
    copy.disabled = stop.disabled = false;
    status.textContent = 'Anyone with the link can open it.';
  } catch (error) {
    status.textContent = `Could not share: ${error.message}`;
  }
  return shown;
}
