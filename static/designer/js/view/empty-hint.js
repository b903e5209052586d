// The empty canvas says what to do first: drag a service in, or open an example.

import { h } from './dom.js';

export function attachEmptyHint(stage, { bus, model, readOnly }) {
  const hint = h('div', { class: 'empty-hint', 'data-empty-hint': '', hidden: true },
    h('p', { class: 'empty-hint-title', text: 'Drag a service here, or open an example' }),
    h('p', { class: 'empty-hint-more' },
      'Services are listed on the left (Enter or a double-click adds one too). ',
      h('a', { href: '/#examples-heading', 'data-empty-hint-examples': '', text: 'Open an example' })));
  stage.append(hint);
  const show = () => (hint.hidden = readOnly || model.nodes.size > 0);
  bus.on('doc:load', show);
  bus.on('doc:change', show);
}
