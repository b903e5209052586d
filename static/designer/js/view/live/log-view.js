// The event log and a message's journey. The log lists the newest trace events that pass
// its filters (node, event kind, text), redrawn a few times a second at most and only the
// rows in view are built (a fixed row height), so a flood of events costs a few dozen
// elements per redraw, not thousands; clicking a
// row (or Enter on it) shows that message's journey: every event seen so far that shares
// its `origin`, with times and nodes, while the nodes and edges it touched light up on the
// canvas (`data-journey` on their elements). The journey keeps growing while it is open.

import { clear, h } from '../dom.js';
import { describe, detailsOf, journeyPlaces, journeySteps } from '../../model/live/event-store.js';

const ROWS = 5000; // the newest events listed (the store keeps more, for journeys)
const ROW_PX = 20; // every row's height: .live-log-row in live.css
const SPARE_ROWS = 6; // built above and below the visible ones
const REDRAW_MS = 250;

export class EventLog {
  constructor({ logEl, journeyEl, bus, store, model, canvas }) {
    Object.assign(this, { logEl, journeyEl, bus, store, model, canvas });
    this.filter = { node: '', kind: '', text: '' };
    this.origin = null;
    this.timer = null;
    this.lit = [];
    this.build();
    bus.on('log:change', ({ added }) => {
      this.later();
      if (this.origin && (!added || added.some((event) => event.origin === this.origin))) this.showJourney();
    });
    bus.on('doc:load', () => this.fillNodes());
    bus.on('doc:change', () => this.fillNodes());
    canvas.paper.on('render:done', () => this.light());
  }

  build() {
    this.nodeSelect = h('select', { 'data-log-filter': 'node', 'aria-label': 'Node', onchange: (e) => this.set('node', e.target.value) });
    this.kindSelect = h('select', { 'data-log-filter': 'kind', 'aria-label': 'Event kind', onchange: (e) => this.set('kind', e.target.value) });
    this.search = h('input', {
      type: 'search', placeholder: 'Search messages…', 'data-log-filter': 'text', 'aria-label': 'Search the log',
      oninput: (e) => this.set('text', e.target.value),
    });
    this.count = h('span', { class: 'live-log-count', 'data-log-count': '' });
    this.list = h('ol', {
      class: 'live-log-list', 'data-log': '', onclick: (e) => this.pick(e), onkeydown: (e) => e.key === 'Enter' && this.pick(e),
      onscroll: () => this.slice(),
    });
    this.rows = [];
    clear(this.logEl).append(
      h('div', { class: 'live-log-head' }, h('h3', { class: 'live-section-title', text: 'Events' }), this.count),
      h('div', { class: 'live-log-filters' }, this.nodeSelect, this.kindSelect, this.search),
      this.list,
    );
    this.fillNodes();
    this.fillKinds();
    this.render();
    this.journeyEl.replaceChildren(h('p', { class: 'hint', text: 'Click an event in the log to follow its message through the diagram.' }));
  }

  fillNodes() {
    const keep = this.nodeSelect.value;
    const options = [h('option', { value: '', text: 'All nodes' })];
    for (const node of this.model.nodeList()) options.push(h('option', { value: node.id, text: node.label || node.id }));
    this.nodeSelect.replaceChildren(...options);
    this.nodeSelect.value = this.model.node(keep) ? keep : '';
  }

  fillKinds() {
    const kinds = [...this.store.kinds].sort();
    if (this.kindSelect.options.length === kinds.length + 1) return;
    const keep = this.kindSelect.value;
    this.kindSelect.replaceChildren(h('option', { value: '', text: 'All events' }), ...kinds.map((kind) => h('option', { value: kind, text: kind })));
    this.kindSelect.value = kinds.includes(keep) ? keep : '';
  }

  set(key, value) {
    this.filter[key] = value;
    this.render();
  }

  later() {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.render();
    }, REDRAW_MS);
  }

  render() {
    this.fillKinds();
    const { rows, matched } = this.store.query(this.filter, ROWS);
    const parts = [`${matched.toLocaleString('en')} ${matched === 1 ? 'event' : 'events'}${matched > rows.length ? ` (newest ${rows.length} listed)` : ''}`];
    if (this.store.unlisted) parts.push(`${this.store.unlisted.toLocaleString('en')} more summarised by the server`);
    this.count.textContent = parts.join(' · ');
    this.count.dataset.logMatched = String(matched);
    // Scrolled down to read: keep the same rows in view as newer ones arrive above.
    const newer = this.rows.length && rows.length ? rows.findIndex((event) => event.n === this.rows[0].n) : -1;
    if (this.list.scrollTop > 0 && newer > 0) this.list.scrollTop += newer * ROW_PX;
    this.rows = rows;
    this.slice();
  }

  // Builds the rows in view (and a few more) over a spacer as tall as all of them.
  slice() {
    const rows = this.rows;
    if (!rows.length) {
      this.list.replaceChildren(h('li', { class: 'hint', text: this.store.events.length ? 'No event matches the filters.' : 'No events yet.' }));
      return;
    }
    const first = Math.max(0, Math.floor(this.list.scrollTop / ROW_PX) - SPARE_ROWS);
    const last = Math.min(rows.length, first + Math.ceil((this.list.clientHeight || 300) / ROW_PX) + 2 * SPARE_ROWS);
    const spacer = h('li', { class: 'live-log-spacer', 'aria-hidden': 'true', style: `height:${rows.length * ROW_PX}px` });
    const shown = [];
    for (let index = first; index < last; index += 1) {
      const li = this.row(rows[index]);
      li.style.top = `${index * ROW_PX}px`;
      shown.push(li);
    }
    this.list.replaceChildren(spacer, ...shown);
  }

  row(event) {
    const node = this.model.node(event.node);
    const details = detailsOf(event).map(([key, value]) => `${key} ${value}`).join(' · ');
    return h('li', {
      class: `live-log-row${event.origin === this.origin ? ' is-current' : ''}`, tabindex: 0, 'data-log-event': event.event,
      'data-origin': event.origin, 'data-node': event.node, title: describe(event),
    },
    h('span', { class: 'live-log-t', text: event.t.toFixed(3) }),
    h('span', { class: `live-kind kind-${event.event}`, text: event.event }),
    h('span', { class: 'live-log-node', text: node?.label || event.node }),
    h('span', { class: 'live-log-msg', text: event.message }),
    h('span', { class: 'live-log-details', text: details }));
  }

  pick(evt) {
    const row = evt.target.closest('[data-origin]');
    if (!row) return;
    this.origin = row.dataset.origin;
    this.showJourney();
    this.render();
    this.bus.emit('live:journey', { origin: this.origin });
  }

  showJourney() {
    const events = this.store.journey(this.origin);
    const steps = journeySteps(events);
    const close = h('button', { type: 'button', class: 'button small', 'data-journey-close': '', text: 'Clear', onclick: () => this.closeJourney() });
    const items = steps.map((step) => {
      const node = this.model.node(step.node);
      const edge = step.edge ? `${this.model.edge(step.edge)?.kind || 'edge'} ${step.edge}` : '';
      const to = step.target ? ` → ${this.model.node(step.target)?.label || step.target}` : '';
      const via = edge ? `${to}, over ${edge}` : to;
      const extra = step.details.map(([key, value]) => `${key} ${value}`).join(' · ');
      return h('li', { class: 'live-journey-step', 'data-journey-step': step.event, 'data-node': step.node },
        h('span', { class: 'live-log-t', text: step.t.toFixed(3) }),
        h('span', { class: `live-kind kind-${step.event}`, text: step.event }),
        h('span', { class: 'live-journey-where', text: `${node?.label || step.node}${via}` }),
        h('span', { class: 'live-log-details', text: `${step.message}${extra ? ` · ${extra}` : ''}` }));
    });
    this.journeyEl.replaceChildren(
      h('div', { class: 'live-log-head' }, h('h3', { class: 'live-section-title', 'data-journey': this.origin, text: `Journey of ${this.origin}` }), close),
      h('p', { class: 'hint', text: `${steps.length} ${steps.length === 1 ? 'step' : 'steps'} seen so far (copies made by fan-out included).` }),
      h('ol', { class: 'live-journey' }, items),
    );
    this.places = journeyPlaces(events);
    this.light();
  }

  closeJourney() {
    this.origin = null;
    this.places = null;
    this.light();
    this.journeyEl.replaceChildren(h('p', { class: 'hint', text: 'Click an event in the log to follow its message through the diagram.' }));
    this.render();
  }

  // Marks the journey's nodes and edges on the canvas (again after a redraw).
  light() {
    for (const el of this.lit) el.removeAttribute('data-journey');
    this.lit = [];
    if (!this.places) return;
    const root = this.canvas.el;
    for (const id of this.places.nodes) this.mark(root.querySelector(`[data-node-id="${CSS.escape(id)}"]`));
    for (const id of this.places.edges) this.mark(root.querySelector(`[data-edge-id="${CSS.escape(id)}"]:not([data-token])`));
  }

  mark(el) {
    if (!el) return;
    el.setAttribute('data-journey', 'true');
    this.lit.push(el);
  }
}
