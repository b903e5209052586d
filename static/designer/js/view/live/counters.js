// Live counters on the nodes: a compact row under each node card with the two or three
// metrics that say most about that kind of node, each a `data-metric="<CloudWatch name>"`
// element whose text is the value (contract section 7), inside the node's `data-metrics`
// group. Which metrics a node shows is model/live/counters.js's `countersFor`, from the
// catalogue the page loaded; the rest are in the chart.

import { countersFor, edgesWithTypes, formatValue } from '../../model/live/counters.js';

const SVG = 'http://www.w3.org/2000/svg';
const ROW_WIDTH = 172;

export class NodeCounters {
  constructor({ bus, canvas, model, catalog }) {
    Object.assign(this, { bus, canvas, model, catalog });
    this.rows = new Map(); // node id -> {group, values: Map<metric, element>}
    this.metrics = null; // null: no run, no counters
    bus.on('live:metrics', ({ metrics }) => this.show(metrics));
    bus.on('live:cleared', ({ reason }) => (reason === 'closed' ? this.remove() : this.show({})));
    canvas.paper.on('render:done', () => this.metrics && this.show(this.metrics));
    // Presenter mode sets larger text: the rows' backgrounds are measured again.
    bus.on('presenter:change', () => requestAnimationFrame(() => this.rows.forEach((row) => this.widen(row, row.chars))));
  }

  show(metrics) {
    this.metrics = metrics;
    const edges = edgesWithTypes(this.model);
    for (const node of this.model.nodeList()) {
      const row = this.rowFor(node, edges);
      if (!row) continue;
      const values = metrics[node.id] || {};
      let chars = 0;
      for (const [name, el] of row.values) {
        const text = formatValue(values[name] ?? (Object.keys(metrics).length ? 0 : undefined));
        if (el.textContent !== text) el.textContent = text;
        chars += text.length;
      }
      if (chars !== row.chars) this.widen(row, chars);
    }
  }

  // The node's counter row, made (again) if the node's view has none: a redrawn node
  // loses what was added to its group.
  rowFor(node, edges) {
    const group = this.canvas.el.querySelector(`[data-node-id="${CSS.escape(node.id)}"] [data-metrics]`);
    if (!group) return null;
    const counters = countersFor(this.catalog, node, edges);
    const known = this.rows.get(node.id);
    const signature = counters.map(([name]) => name).join(',');
    if (known && known.group === group && known.signature === signature && known.row.isConnected) return known;
    group.querySelector(':scope > .live-counters')?.remove();
    const row = document.createElementNS(SVG, 'g');
    row.setAttribute('class', 'live-counters');
    const back = document.createElementNS(SVG, 'rect');
    Object.entries({ width: ROW_WIDTH, height: 17, rx: 4, class: 'live-counters-bg' }).forEach(([k, v]) => back.setAttribute(k, v));
    row.append(back);
    const values = new Map();
    const text = document.createElementNS(SVG, 'text');
    text.setAttribute('x', '5');
    text.setAttribute('y', '12.5');
    text.setAttribute('class', 'live-counter');
    counters.forEach(([name, label], index) => {
      const caption = document.createElementNS(SVG, 'tspan');
      caption.setAttribute('class', 'live-counter-label');
      if (index) caption.setAttribute('dx', '7');
      caption.textContent = `${label} `;
      const value = document.createElementNS(SVG, 'tspan');
      value.setAttribute('class', 'live-counter-value');
      value.setAttribute('data-metric', name);
      value.textContent = '–';
      text.append(caption, value);
      values.set(name, value);
    });
    const title = document.createElementNS(SVG, 'title');
    title.textContent = counters.map(([name]) => name).join(', ');
    text.append(title);
    row.append(text);
    group.append(row);
    const entry = { group, row, back, text, signature, values, chars: 0 };
    this.rows.set(node.id, entry);
    return entry;
  }

  // The row's background grows with its text (past the node's width) when the figures
  // get longer; measured only when their length changes.
  widen(row, chars) {
    row.chars = chars;
    let width = ROW_WIDTH;
    try {
      width = Math.max(ROW_WIDTH, Math.ceil(row.text.getComputedTextLength()) + 10);
    } catch {
      // Not laid out yet (a hidden canvas): keep the node's width.
    }
    row.back.setAttribute('width', String(width));
  }

  // Removes every counter row (the live panel was closed).
  remove() {
    for (const { row } of this.rows.values()) row.remove();
    this.rows.clear();
    this.metrics = null;
  }
}
