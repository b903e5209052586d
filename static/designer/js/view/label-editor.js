// Renaming a node in place: an input laid over the node's label; Enter or leaving the field
// keeps the text, Escape cancels. The text only ever reaches the canvas as text.

import { h } from './dom.js';

export function attachLabelEditor({ bus, canvas, model }) {
  let open = null;
  bus.on('canvas:label-edit', ({ id }) => {
    const node = model.node(id);
    const rect = canvas.clientRectOf(id);
    if (!node || !rect) return;
    open?.finish(false);
    const { scale } = canvas.viewport();
    const input = h('input', {
      type: 'text', class: 'label-editor', value: node.label ?? '', 'data-label-editor': id, 'aria-label': 'Node label',
    });
    Object.assign(input.style, {
      left: `${rect.x + 48 * scale}px`, top: `${rect.y + 6 * scale}px`,
      width: `${Math.max(120, rect.width - 56 * scale)}px`, fontSize: `${Math.max(12, 14 * scale)}px`,
    });
    let done = false;
    const finish = (keep) => {
      if (done) return;
      done = true;
      open = null;
      input.remove();
      if (keep && input.value !== (node.label ?? '')) bus.emit('intent:label', { id, label: input.value });
    };
    input.addEventListener('keydown', (evt) => {
      evt.stopPropagation();
      if (evt.key === 'Enter') finish(true);
      if (evt.key === 'Escape') finish(false);
    });
    input.addEventListener('blur', () => finish(true));
    document.body.append(input);
    input.focus();
    input.select();
    open = { finish };
  });
}
