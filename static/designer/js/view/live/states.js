// The States tab of the live panel: a state machine's states, each with how many running
// executions are in it now (`data-sfn-state="<name>"`, `data-sfn-count`; a state with
// executions in it is marked active), under its executions so far. It follows the selected
// machine; its tab shows only when the diagram has a state machine.

import { clear, h } from '../dom.js';
import { MACHINE_TYPE, executionsLine, pickMachine, stateRows } from '../../model/live/state-view.js';

export class StatesView {
  constructor(el, { bus, state, model, tab }) {
    Object.assign(this, { el, state, model, tab });
    this.nodeId = null;
    this.selected = null;
    this.shown = '';
    bus.on('live:state', () => this.show());
    bus.on('live:cleared', () => this.show(true));
    bus.on('doc:load', () => this.show(true));
    bus.on('doc:change', () => this.show(true));
    bus.on('selection:change', ({ nodes }) => {
      this.selected = nodes.length === 1 ? nodes[0] : null;
      this.show(true);
    });
    this.show(true);
  }

  show(force = false) {
    const nodes = this.model.nodeList();
    if (this.tab) this.tab.hidden = !nodes.some((node) => node.type === MACHINE_TYPE);
    const node = pickMachine(nodes, this.selected, this.nodeId);
    this.nodeId = node?.id || null;
    const counts = (node && this.state.states?.[node.id]) || {};
    const metrics = (node && this.state.metrics?.[node.id]) || {};
    const key = JSON.stringify([this.nodeId, counts, executionsLine(metrics)]);
    if (!force && key === this.shown) return; // frames arrive many times a second
    this.shown = key;
    this.el.dataset.sfnMachine = this.nodeId || '';
    if (!node) {
      clear(this.el).append(h('p', { class: 'hint', text: 'The diagram has no state machine.' }));
      return;
    }
    const rows = stateRows(node.props?.Definition, counts);
    clear(this.el).append(
      h('h3', { class: 'live-section-title', text: `${node.label || node.id}: executions by state` }),
      h('p', { class: 'live-sfn-summary', 'data-sfn-summary': '', text: executionsLine(metrics) }),
      h('ol', { class: 'live-sfn-states' }, rows.map((row) => h('li', {
        class: `live-sfn-state${row.count ? ' active' : ''}`,
        'data-sfn-state': row.name,
        'data-sfn-count': String(row.count),
        style: `padding-left: ${0.4 + row.depth * 1.1}rem`,
        title: `${row.type} state${row.start ? ' (start)' : ''}${row.end ? ' (end)' : ''}`,
      },
      h('span', { class: 'live-sfn-name', text: row.name }),
      h('span', { class: 'live-sfn-type', text: row.type }),
      h('span', { class: 'live-sfn-count', text: row.count ? `×${row.count}` : '' })))),
    );
  }
}
