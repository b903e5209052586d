// The live panel's Logs tab: SNS delivery-status log entries as CloudWatch Logs shows them,
// newest first: the log group, the time and the JSON message, SUCCESS or FAILURE. A select
// picks one log group (each with its count). Redrawn a few times a second at most.
// Hooks: `data-delivery-logs` (the pane), `data-delivery-log-group` (the select),
// `data-delivery-log-count`, and per entry `data-delivery-log` (its status) with
// `data-log-group` and `data-topic`.

import { clear, h } from '../dom.js';

const SHOWN = 200;
const REDRAW_MS = 250;

export class DeliveryLogsView {
  constructor(el, { bus, logs }) {
    Object.assign(this, { el, bus, logs });
    this.timer = null;
    this.group = h('select', { 'data-delivery-log-group': '', 'aria-label': 'Log group', onchange: () => this.render() });
    this.count = h('span', { class: 'live-log-count', 'data-delivery-log-count': '0' });
    this.list = h('ol', { class: 'live-delivery-logs' });
    clear(el).append(
      h('div', { class: 'live-log-head' }, h('h3', { class: 'live-section-title', text: 'SNS delivery-status logs' }), this.count),
      this.group,
      this.list,
    );
    bus.on('deliverylogs:change', () => this.later());
    this.render();
  }

  later() {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.render();
    }, REDRAW_MS);
  }

  fillGroups() {
    const keep = this.group.value;
    const groups = [...this.logs.counts.entries()].sort(([a], [b]) => a.localeCompare(b));
    const options = [h('option', { value: '', text: 'All log groups' })];
    for (const [group, count] of groups) options.push(h('option', { value: group, text: `${group} (${count})` }));
    this.group.replaceChildren(...options);
    this.group.value = groups.some(([group]) => group === keep) ? keep : '';
  }

  render() {
    this.fillGroups();
    const total = [...this.logs.counts.values()].reduce((sum, n) => sum + n, 0);
    this.count.dataset.deliveryLogCount = String(total);
    this.count.textContent = `${total.toLocaleString('en')} ${total === 1 ? 'entry' : 'entries'}`;
    const rows = this.logs.query(this.group.value, SHOWN);
    if (!rows.length) {
      this.list.replaceChildren(h('li', { class: 'hint', text: total ? 'No entries in this log group yet.' : 'A topic with DeliveryStatusLogging writes an entry here for each delivery it logs.' }));
      return;
    }
    this.list.replaceChildren(...rows.map((entry) => h('li', {
      class: 'live-delivery-log', 'data-delivery-log': entry.status, 'data-log-group': entry.group, 'data-topic': entry.topic,
    },
    h('div', { class: 'live-delivery-log-head' },
      h('span', { class: 'live-delivery-log-status', 'data-status': entry.status, text: entry.status }),
      h('span', { class: 'live-delivery-log-group', text: entry.group }),
      h('time', { datetime: entry.time, text: entry.time })),
    h('pre', { class: 'live-delivery-log-message', text: JSON.stringify(entry.message, null, 2) }))));
  }
}
