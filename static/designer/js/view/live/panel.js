// The live panel's frame: a status bar (run status, simulated time, events, speed, the
// sampling note, the connection, a legend of token colours), for the owner the player
// (skip to the next event, the seek bar), the errors the server sent (each naming its
// field, until dismissed), the share box, the end-of-run summary, and three columns: the
// event log, the chart, and the journey (with the delivery-status Logs, a state machine's
// States, the discovered Schemas and, for the owner, the inject form in tabs).

import { clear, h } from '../dom.js';
import { OUTCOMES } from '../../model/live/token-plan.js';
import { plainError, plainStop } from '../../model/live/plain.js';

const STATUS_TEXT = {
  ready: 'Ready', running: 'Running', paused: 'Paused', finished: 'Finished', stopped: 'Stopped',
};
const SOCKET_TEXT = {
  connecting: 'connecting…', reconnecting: 'connection lost: reconnecting…', gone: 'the run is gone', closed: '',
  open: '', idle: '',
};
const MAX_ERRORS = 6;
const LEGEND = { 'dead-lettered': 'to DLQ' };

export function buildPanel(el, { owner }) {
  const part = (name, tag = 'span', attrs = {}) => h(tag, { [`data-live-${name}`]: '', ...attrs });
  const parts = {
    status: part('status', 'span', { class: 'live-status' }),
    time: part('time', 'span', { class: 'live-figure' }),
    events: part('events', 'span', { class: 'live-figure' }),
    speed: part('speed-shown', 'span', { class: 'live-figure' }),
    sampling: part('sampling', 'span', { class: 'live-sampling', hidden: true }),
    connection: part('connection', 'span', { class: 'live-connection', role: 'status' }),
    message: part('message', 'span', { class: 'live-message' }),
    errors: part('errors', 'ul', { class: 'live-errors', role: 'alert' }),
    goals: part('goals', 'ul', { class: 'live-goals', hidden: true, 'aria-label': 'Goals' }),
    share: part('share', 'div', { class: 'live-share', hidden: true }),
    summary: part('summary', 'section', { class: 'live-summary', hidden: true, 'aria-label': 'Run summary' }),
    log: h('section', { class: 'live-log', 'aria-label': 'Event log' }),
    chart: h('section', { class: 'live-chart', 'aria-label': 'Chart' }),
    journey: h('div', { class: 'live-journey-pane' }),
    inject: h('div', { class: 'live-inject-pane', hidden: true }),
    logs: h('div', { class: 'live-logs-pane', hidden: true, 'data-delivery-logs': '' }),
    states: h('div', { class: 'live-states-pane', hidden: true, 'data-live-states': '' }),
    schemas: h('div', { class: 'live-schemas-pane', hidden: true, 'data-live-schemas': '' }),
    close: owner ? h('button', { type: 'button', class: 'live-error-dismiss live-close', 'data-live-close': '', title: 'Close the run and this panel', 'aria-label': 'Close the run', text: '×' }) : null,
  };
  const legend = h('span', { class: 'live-legend', title: 'What the moving dots mean: what happened to each message on that wire' },
    OUTCOMES.map((outcome) => h('span', { class: 'live-legend-item' },
      h('span', { class: 'live-legend-dot', 'data-outcome': outcome }), LEGEND[outcome] || outcome)));
  const tabs = tabStrip(parts, owner);
  const player = owner ? h('div', { class: 'live-player' },
    h('button', { type: 'button', class: 'button small', 'data-action': 'skip', title: 'Skip the quiet time to the next event', text: 'Next event »' }),
    h('label', { class: 'live-seek' }, h('span', { text: 'Seek' }),
      h('input', { type: 'range', min: '0', max: '0', step: '0.1', value: '0', 'data-control': 'seek', 'aria-label': 'Seek to a simulated time ([ and ] jump 10 s)' })),
    h('output', { class: 'live-figure', 'data-seek-shown': '', text: '0.0 s' })) : null;
  clear(el).append(
    h('header', { class: 'live-bar' }, parts.status, parts.time, parts.events, parts.speed, parts.sampling,
      parts.connection, parts.message, legend, parts.close),
    ...(player ? [player] : []),
    parts.goals,
    parts.errors,
    parts.share,
    parts.summary,
    h('div', { class: 'live-body' }, parts.log, parts.chart,
      h('section', { class: 'live-side', 'aria-label': 'Journey' }, tabs, parts.journey, parts.logs, parts.states, parts.schemas, parts.inject)),
  );
  return parts;
}

function tabStrip(parts, owner) {
  const tab = (name, label, pane) => h('button', {
    type: 'button', class: 'tab', role: 'tab', 'data-live-tab': name, 'aria-selected': name === 'journey' ? 'true' : 'false', text: label,
    onclick: (evt) => {
      for (const other of evt.target.parentNode.children) other.setAttribute('aria-selected', String(other === evt.target));
      for (const other of [parts.journey, parts.logs, parts.states, parts.schemas, parts.inject]) other.hidden = pane !== other;
    },
  });
  parts.statesTab = tab('states', 'States', parts.states);
  parts.schemasTab = tab('schemas', 'Schemas', parts.schemas);
  return h('div', { class: 'tabs live-tabs', role: 'tablist' }, tab('journey', 'Journey', parts.journey), tab('logs', 'Logs', parts.logs),
    parts.statesTab, parts.schemasTab, owner ? tab('inject', 'Inject', parts.inject) : null);
}

// Keeps the status bar, the errors and the share box up to date.
export class StatusBar {
  constructor(parts, { bus, state, owner = false }) {
    Object.assign(this, { parts, bus, state, owner });
    bus.on('live:state', () => this.show());
    bus.on('live:socket', ({ state: socket }) => this.connection(socket));
    bus.on('live:sampling', ({ every }) => this.sampling(every));
    bus.on('live:error', (error) => this.error(error));
    bus.on('live:shared', (links) => this.shared(links));
    this.show();
  }

  show() {
    const { state, parts } = this;
    const status = state.status || 'none';
    parts.status.dataset.liveStatus = status;
    parts.status.textContent = STATUS_TEXT[status] || 'No run';
    const end = state.run?.end;
    parts.time.dataset.liveTime = String(state.time ?? 0);
    parts.time.textContent = `t = ${(state.time ?? 0).toFixed(2)} s${end ? ` of ${end} s` : ''}`;
    parts.events.dataset.liveEvents = String(state.total_events ?? 0);
    parts.events.textContent = `${(state.total_events ?? 0).toLocaleString('en')} events`;
    parts.speed.textContent = state.speed === 'max' ? 'max speed' : `${state.speed}×`;
    const stop = plainStop(state.status, state.reason);
    parts.message.textContent = stop?.text || state.message || '';
    parts.message.dataset.liveReason = state.reason || '';
    if (stop?.action && this.owner) {
      parts.message.append(' ', h('button', {
        type: 'button', class: 'button small', 'data-stop-action': stop.action.name, text: stop.action.label,
        onclick: () => this.bus.emit('action', { name: stop.action.name }),
      }));
    }
  }

  connection(socket) {
    this.parts.connection.dataset.liveConnection = socket;
    this.parts.connection.textContent = SOCKET_TEXT[socket] ?? socket;
  }

  sampling(every) {
    const el = this.parts.sampling;
    el.hidden = every <= 1;
    el.dataset.liveSampling = String(every);
    el.textContent = `Sampling: showing 1 in ${every} messages on the wires`;
  }

  // An error the server sent, or a request that failed: shown until dismissed, naming
  // the field it is about.
  error(raw) {
    const { field, code, message, actionName } = plainError(raw);
    let { action } = raw;
    if (!action && actionName && this.owner) action = { label: actionName.label, run: () => this.bus.emit('action', { name: actionName.name }) };
    const list = this.parts.errors;
    const where = field ? `${field}: ` : '';
    const item = h('li', { class: 'live-error', 'data-live-error': field || '', 'data-code': code },
      h('strong', { text: `${where}${message}` }), h('span', { class: 'live-error-code', text: ` (${code})` }));
    if (action) item.append(' ', h('button', { type: 'button', class: 'button small', text: action.label, onclick: () => { item.remove(); action.run(); } }));
    item.append(h('button', { type: 'button', class: 'live-error-dismiss', 'aria-label': 'Dismiss', text: '×', onclick: () => item.remove() }));
    list.prepend(item);
    while (list.children.length > MAX_ERRORS) list.lastElementChild.remove();
  }

  clearErrors() {
    this.parts.errors.replaceChildren();
  }

  shared({ watch_url: watchUrl }) {
    const url = new URL(watchUrl, window.location.origin).href;
    const input = h('input', { type: 'text', readonly: true, value: url, 'data-share-url': '', 'aria-label': 'Watch link', onfocus: (e) => e.target.select() });
    const copy = h('button', {
      type: 'button', class: 'button small primary', 'data-share-copy': '', text: 'Copy',
      onclick: async () => {
        input.select();
        try {
          await navigator.clipboard.writeText(url);
          copy.textContent = 'Copied';
        } catch {
          copy.textContent = 'Press Ctrl+C';
        }
      },
    });
    const box = this.parts.share;
    box.replaceChildren(
      h('span', { text: 'Anyone with this link watches the run live, read-only:' }), input, copy,
      h('a', { class: 'button small', href: url, target: '_blank', rel: 'noopener', text: 'Open' }),
      h('button', { type: 'button', class: 'live-error-dismiss', 'aria-label': 'Hide the link', text: '×', onclick: () => (box.hidden = true) }),
    );
    box.hidden = false;
  }
}
