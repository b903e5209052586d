// The chart panel: one node's CloudWatch-named metrics over simulated time, drawn by
// uPlot (vendored, static/vendor/uplot-1.6.32/) and streamed with setData a few times a
// second. The node is the selected one (or, with none selected, the last one charted, or
// the first queue). The node's counters start shown; the legend toggles the others.

import uPlot from 'uplot';
import { h, clear } from '../view/dom.js';
import { countersFor } from './counters.js';

const REDRAW_MS = 250;
const COLOURS = ['#1f7ae0', '#d92d20', '#2e7d32', '#e39b00', '#7b1fa2', '#00838f', '#6d4c41', '#c2185b', '#455a64', '#9e9d24'];

export class MetricChart {
  constructor(el, { bus, state, model, selection }) {
    Object.assign(this, { el, bus, state, model, selection });
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
    clear(this.host);
    const node = this.nodeId && this.model.node(this.nodeId);
    this.el.dataset.chartNode = this.nodeId || '';
    if (!node) {
      this.title.textContent = 'Metrics';
      this.host.append(h('p', { class: 'hint', text: 'Select a node to chart its metrics.' }));
      return;
    }
    this.title.textContent = `${node.label || node.id} · metrics over simulated time (s)`;
    this.names = this.state.history.names(this.nodeId).filter((name) => name !== 'State');
    if (!this.names.length) {
      this.host.append(h('p', { class: 'hint', text: 'Its metrics appear here once the run has started.' }));
      return;
    }
    const shown = new Set(countersFor(node, this.edgesWithTypes()).map(([name]) => name));
    if (![...shown].some((name) => this.names.includes(name))) shown.add(this.names[0]);
    const series = [
      { label: 't (s)', value: (u, v) => (v === null ? '–' : v.toFixed(1)) },
      ...this.names.map((name, index) => ({
        label: name,
        show: shown.has(name),
        stroke: COLOURS[index % COLOURS.length],
        width: 1.5,
        value: (u, v) => (v === null || v === undefined ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(1)),
      })),
    ];
    const { width, height } = this.size();
    this.plot = new uPlot({
      width,
      height,
      series,
      scales: { x: { time: false } },
      axes: [{ label: 'simulated seconds', size: 36, labelSize: 14 }, { size: 48 }],
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
    }, this.state.history.columns(this.nodeId, this.names), this.host);
    this.fit();
  }

  edgesWithTypes() {
    return this.model.edgeList().map((edge) => ({ ...edge, sourceType: this.model.node(edge.source)?.type }));
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
    }, REDRAW_MS);
  }

  size() {
    const legend = this.plot?.root.querySelector('.u-legend')?.offsetHeight || 48;
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
