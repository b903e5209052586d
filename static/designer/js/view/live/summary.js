// The end of a run: a summary card from its report (per node: delivered, filtered,
// failed, dead-lettered, dropped; the ledger), and "Compare with the previous run": two
// runs of the same diagram side by side, what changed in the document and each metric
// before -> after. Each ended run of a diagram is kept in sessionStorage (its document,
// report and counts), so changing one setting and running again is one click from the
// comparison. The comparing itself is model/live/run-compare.js.

import { OUTCOME_EVENTS, compareRuns, diffDocuments, outcomes } from '../../model/live/run-compare.js';
import { h } from '../dom.js';

const STORE_PREFIX = 'eventyard:runs:';

export class RunSummary {
  // `documentOf()`: the document the current run was made from (null: not known here).
  // `watch`: a watcher's token (its report is read with it).
  constructor(el, { bus, state, model, api, diagramId = () => null, documentOf = () => null, watch = null }) {
    Object.assign(this, { el, bus, state, model, api, diagramId, documentOf, watch });
    this.shownFor = null;
    bus.on('live:state', () => this.update());
    bus.on('live:cleared', ({ reason }) => reason !== 'snapshot' && this.hide());
  }

  async update() {
    const { state } = this;
    if (!['finished', 'stopped'].includes(state.status) || !state.run) return;
    const key = `${state.run.id}:${state.time}`;
    if (this.shownFor === key) return;
    this.shownFor = key;
    let report = state.report;
    if (!report) {
      try {
        report = (await this.api.report(state.run.id, this.watch)).report;
      } catch {
        return; // closed before it ended, or gone: there is no report to show
      }
    }
    const run = { runId: state.run.id, at: Date.now(), time: state.time, reason: state.reason, report, counts: structuredClone(state.counts), document: this.documentOf() };
    const previous = this.remember(run);
    this.show(run, previous);
  }

  // Keep this run as the diagram's latest (the one before it becomes the previous).
  remember(run) {
    const id = this.diagramId();
    if (!id || !run.document) return null;
    const key = `${STORE_PREFIX}${id}`;
    let kept = {};
    try {
      kept = JSON.parse(sessionStorage.getItem(key) || '{}');
    } catch { /* unreadable: start afresh */ }
    if (kept.latest?.runId === run.runId) return kept.previous || null;
    const next = { previous: kept.latest || null, latest: run };
    try {
      sessionStorage.setItem(key, JSON.stringify(next));
    } catch { /* full: the comparison is a convenience */ }
    return next.previous;
  }

  label(id) {
    return this.model.node(id)?.label || id;
  }

  show(run, previous) {
    const nodes = Object.keys(run.report.nodes || {});
    const table = outcomes(run.counts, nodes);
    const names = Object.keys(OUTCOME_EVENTS);
    const rows = nodes.map((node) => h('tr', { 'data-summary-node': node }, h('th', { scope: 'row', text: this.label(node) }),
      names.map((name) => h('td', { 'data-outcome': name, text: String(table[node][name]) }))));
    const ledger = Object.entries(run.report.ledger || {}).filter(([, n]) => n).map(([name, n]) =>
      h('span', { class: 'live-summary-chip', 'data-ledger': name, text: `${name.replace(/_/g, ' ')} ${n}` }));
    const compare = h('button', {
      type: 'button', class: 'button small primary', 'data-summary-compare': '', disabled: !previous,
      title: previous ? 'The run before this one, side by side' : 'Change something and run again to compare',
      text: 'Compare with the previous run', onclick: () => this.compare(previous, run),
    });
    this.el.replaceChildren(
      h('header', { class: 'live-summary-head' },
        h('h3', { class: 'live-section-title', text: `Run summary: t = ${run.time} s, ${run.report.events} events` }),
        compare, h('button', { type: 'button', class: 'live-error-dismiss', 'aria-label': 'Hide the summary', text: '×', onclick: () => this.hide() })),
      h('table', { class: 'live-summary-table', 'data-summary': '' },
        h('thead', {}, h('tr', {}, h('th', { text: 'node' }), names.map((name) => h('th', { text: name })))), h('tbody', {}, rows)),
      h('p', { class: 'live-summary-ledger', 'data-summary-ledger': '' }, h('strong', { text: 'Ledger: ' }), ledger),
      h('div', { 'data-compare-host': '' }));
    this.el.hidden = false;
  }

  compare(before, after) {
    const host = this.el.querySelector('[data-compare-host]');
    const changes = diffDocuments(before.document, after.document);
    const metrics = compareRuns(before, after);
    const changed = metrics.filter((row) => row.before !== row.after);
    const show = (value) => (value === null ? '—' : String(value));
    host.replaceChildren(h('div', { class: 'live-compare', 'data-compare': '' },
      h('section', {}, h('h4', { text: 'What changed in the diagram' }),
        changes.length ? h('ul', {}, changes.map((c) => h('li', { 'data-compare-change': c.path },
          h('code', { text: c.path }), `: ${show(c.before)} → ${show(c.after)}`)))
          : h('p', { text: 'Nothing: the same diagram and seed (runs are deterministic).' })),
      h('section', {}, h('h4', { text: `Metrics before → after (${changed.length} changed of ${metrics.length})` }),
        h('table', { class: 'live-summary-table' }, h('tbody', {}, changed.map((row) => h('tr', { 'data-compare-metric': row.metric },
          h('th', { scope: 'row', text: this.metricName(row.metric) }), h('td', { text: show(row.before) }), h('td', { text: '→' }), h('td', { text: show(row.after) }))))))));
  }

  // `<node id> · <metric>` with the node's label, as on the canvas.
  metricName(metric) {
    const [node, name] = metric.split(' · ');
    return node === 'ledger' ? `ledger: ${name.replace(/_/g, ' ')}` : `${this.label(node)} · ${name}`;
  }

  hide() {
    this.el.hidden = true;
    this.shownFor = null;
  }
}
