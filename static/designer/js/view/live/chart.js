// The chart panel: one node's CloudWatch-named metrics over simulated time, drawn by
// uPlot (vendored, static/vendor/uplot-1.6.32/) and streamed with setData a few times a
// second. The node is the selected one (or, with none selected, the last one charted, or
// the first queue). The node's counters start shown; the legend below (each metric with
// its latest value) toggles the others. With `goals` (the editor), each metric also has a
// "make this a goal" button (`data-make-goal`): it asks for a goal that the metric's
// highest value stays at most what it is now (`intent:goal`), which the editor adds.

import uPlot from 'uplot';
import { h, clear } from '../dom.js';
import { countersFor, edgesWithTypes, formatValue } from '../../model/live/counters.js';

const REDRAW_MS = 250;
const COLOURS = ['#1f7ae0', '#d92d20', '#2e7d32', '#e39b00', '#7b1fa2', '#00838f', '#6d4c41', '#c2185b', '#455a64', '#9e9d24'];

export class MetricChart {
  constructor(el, { bus, state, model, selection, catalog, goals = false }) {
    Object.assign(this, { el, bus, state, model, selection, catalog, goals });
    this.nodeId = null;
    this.names = [];
    this.plot = null;
    this.dirty = false;
    this.timer = null;
    this.title = h('h3', { class: 'live-section-title', 'data-chart-title': '' });
    this.host = h('div', { class: 'live-chart-host', 'data-chart': '' });
    clear(el).append(this.title, this.host);
    bus.on('live:metrics', () => this.later());
    bus.on('live:cleared', () => this.rebuild());
    bus.on('selection:change', ({ nodes }) => {
      if (nodes.length === 1 && nodes[0] !== this.nodeId) this.rebuild(nodes[0]);
    });
    bus.on('doc:load', () => this.rebuild());
    new ResizeObserver(() => this.fit()).observe(this.host);
    this.rebuild();
  }

  pickNode(wanted) {
    if (wanted && this.model.node(wanted)) return wanted;
    if (this.nodeId && this.model.node(this.nodeId)) return this.nodeId;
    const nodes = this.model.nodeList();
    return (nodes.find((n) => n.type === 'sqs.queue' && n.role !== 'dlq') || nodes[0])?.id || null;
  }

  rebuild(wanted) {
    this.nodeId = this.pickNode(wanted);
    this.plot?.destroy();
    this.plot = null;
    this.legend = null;
    clear(this.host);
    const node = this.nodeId && this.model.node(this.nodeId);
    this.el.dataset.chartNode = this.nodeId || '';
    if (!node) {
      this.title.textContent = 'Metrics';
      this.host.append(h('p', { class: 'hint', text: 'Select a node to chart its metrics.' }));
      return;
    }
    this.title.textContent = `${node.label || node.id}: CloudWatch metrics over simulated seconds`;
    this.names = this.state.history.names(this.nodeId).filter((name) => name !== 'State');
    if (!this.names.length) {
      this.host.append(h('p', { class: 'hint', text: 'Its metrics appear here once the run has started.' }));
      return;
    }
    const shown = new Set(countersFor(this.catalog, node, edgesWithTypes(this.model)).map(([name]) => name));
    if (![...shown].some((name) => this.names.includes(name))) shown.add(this.names[0]);
    this.names = [...this.names.filter((name) => shown.has(name)), ...this.names.filter((name) => !shown.has(name))];
    const series = [
      {},
      ...this.names.map((name, index) => ({ label: name, show: shown.has(name), stroke: COLOURS[index % COLOURS.length], width: 1.5 })),
    ];
    this.legend = h('ul', { class: 'live-chart-legend', 'data-chart-legend': '' }, this.names.map((name, index) => h('li', {},
      h('button', {
        type: 'button', class: 'live-chart-series', 'data-series': name, 'aria-pressed': String(shown.has(name)), title: `${name}: show or hide`,
        onclick: (evt) => this.toggle(index + 1, evt.currentTarget),
      }, h('span', { class: 'live-chart-swatch', style: `background:${COLOURS[index % COLOURS.length]}` }), `${name} `,
      h('strong', { 'data-series-value': name, text: '–' })),
      this.goals ? h('button', {
        type: 'button', class: 'live-make-goal', 'data-make-goal': name, title: `Make ${name} a goal of this diagram`, 'aria-label': `Make ${name} a goal`, text: '◎',
        onclick: () => this.bus.emit('intent:goal', { node: this.nodeId, metric: name, value: (this.state.metrics[this.nodeId] || {})[name] }),
      }) : null)));
    this.host.append(this.legend);
    const { width, height } = this.size();
    this.plot = new uPlot({
      width,
      height,
      series,
      scales: { x: { time: false } },
      axes: [{ size: 28 }, { size: 44 }],
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
    }, this.state.history.columns(this.nodeId, this.names), this.host);
    this.host.prepend(this.plot.root);
    this.values();
    this.fit();
  }

  // Redraw soon (a few times a second at most), with the node's latest columns.
  later() {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.nodeId) {
        this.rebuild();
        return;
      }
      const names = this.state.history.names(this.nodeId).filter((name) => name !== 'State');
      if (!this.plot || names.length !== this.names.length) {
        this.rebuild(this.nodeId);
        return;
      }
      if (!this.el.offsetParent) return; // hidden: nothing to draw
      this.plot.setData(this.state.history.columns(this.nodeId, this.names));
      this.values();
    }, REDRAW_MS);
  }

  toggle(index, button) {
    const show = !this.plot.series[index].show;
    this.plot.setSeries(index, { show });
    button.setAttribute('aria-pressed', String(show));
  }

  // The legend's figures: each metric's latest value.
  values() {
    const times = this.state.history.nodes.get(this.nodeId)?.t || [];
    this.el.dataset.chartFrom = times.length ? String(times[0]) : ''; // the series' first time
    this.el.dataset.chartPoints = String(times.length);
    if (!this.legend) return;
    const latest = this.state.metrics[this.nodeId] || {};
    for (const el of this.legend.querySelectorAll('[data-series-value]')) {
      el.textContent = formatValue(latest[el.dataset.seriesValue]);
    }
  }

  size() {
    const legend = this.legend?.offsetHeight || 40;
    return {
      width: Math.max(200, this.host.clientWidth - 4),
      height: Math.max(90, this.host.clientHeight - legend - 8),
    };
  }

  fit() {
    if (!this.plot) return;
    const { width, height } = this.size();
    if (Math.abs(width - this.plot.width) > 2 || Math.abs(height - this.plot.height) > 2) this.plot.setSize({ width, height });
  }
}
