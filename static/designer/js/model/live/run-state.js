// What the browser knows about one live run (no DOM): the state every snapshot, tick and
// status frame carries (status, simulated time, speed, events, every node's metrics, the
// ledger), and each node's metrics over simulated time for the chart. It turns frames from
// the socket (`live:frame`) into narrower bus events the views listen to:
//   live:state    {state}            status, time, speed, events, reason, message changed
//   live:metrics  {metrics, time}    every node's current metrics
//   live:events   {events, frame}    a tick's trace events (and what it left out)
//   live:cleared  {reason}           history is void (reset, new-run, resync, snapshot, seek, closed)
//   live:history  {events}           the story so far (a snapshot's or a seek's recent events)
//   live:error    {field, code, message}
//   live:shared   {token, ws, watch_url}
//   live:injected {node, message, time}

const HISTORY_POINTS = 4000; // per node; past this, every other point is dropped

export class MetricHistory {
  constructor() {
    this.nodes = new Map(); // node id -> {t: number[], values: Map<name, number[]>}
  }

  clear() {
    this.nodes.clear();
  }

  record(time, metrics) {
    for (const [nodeId, values] of Object.entries(metrics || {})) {
      let series = this.nodes.get(nodeId);
      if (!series) {
        series = { t: [], values: new Map() };
        this.nodes.set(nodeId, series);
      }
      const replace = series.t.length > 0 && series.t.at(-1) === time;
      if (!replace && series.t.length && time < series.t.at(-1)) continue; // stale
      if (!replace) series.t.push(time);
      const index = series.t.length - 1;
      for (const [name, value] of Object.entries(values)) {
        if (typeof value !== 'number' || !Number.isFinite(value)) continue;
        let column = series.values.get(name);
        if (!column) {
          column = new Array(index).fill(null); // a metric that appeared late
          series.values.set(name, column);
        }
        while (column.length < index) column.push(null);
        column[index] = value;
      }
      if (series.t.length > HISTORY_POINTS) thin(series);
    }
  }

  // [times, ...one column per name] for uPlot, columns padded to the same length.
  columns(nodeId, names) {
    const series = this.nodes.get(nodeId);
    if (!series) return [[], ...names.map(() => [])];
    const length = series.t.length;
    return [series.t.slice(), ...names.map((name) => {
      const column = (series.values.get(name) || []).slice(0, length);
      while (column.length < length) column.push(null);
      return column;
    })];
  }

  // A snapshot's or a seek's series ({t: [...], nodes: {node: {metric: [...]}}}), replacing
  // what was here: a late joiner's charts start at t = 0.
  restore(series) {
    this.clear();
    const nodes = Object.entries(series?.nodes || {});
    (series?.t || []).forEach((time, index) => {
      const metrics = {};
      for (const [nodeId, columns] of nodes) {
        metrics[nodeId] = Object.fromEntries(Object.entries(columns).map(([name, column]) => [name, column[index]]));
      }
      this.record(time, metrics);
    });
  }

  names(nodeId) {
    return [...(this.nodes.get(nodeId)?.values.keys() || [])];
  }
}

function thin(series) {
  const keep = (_, index) => index % 2 === 0 || index === series.t.length - 1;
  series.t = series.t.filter(keep);
  for (const [name, column] of series.values) series.values.set(name, column.filter(keep));
}

const STATE_KEYS = ['status', 'time', 'speed', 'total_events', 'ledger', 'reason', 'message', 'goals', 'states', 'schemas'];

export class RunState {
  constructor(bus) {
    this.bus = bus;
    this.history = new MetricHistory();
    this.reset();
    bus.on('live:frame', ({ frame }) => this.apply(frame));
  }

  reset() {
    this.run = null;
    this.role = null;
    this.status = null;
    this.reason = null;
    this.message = null;
    this.time = 0;
    this.speed = 1;
    this.total_events = 0;
    this.metrics = {};
    this.ledger = {};
    this.goals = []; // [{name, state: pending|passed|failed, value}] of the document's sim.goals
    this.states = {}; // state machine -> state name -> executions in it now
    this.schemas = {}; // schema registry -> schema name -> versions so far
    this.report = null;
    this.shared = null;
    this.poll = null; // the class's answers to the lesson's question, while a poll is on
    this.aggregated = 0; // events the server counted but did not list, this run
    this.counts = {}; // node -> event -> how many, this run (listed and counted alike)
    this.synced = false; // a snapshot of this run has been taken
    this.history.clear();
  }

  // A new run replaces the old one: everything known is dropped.
  begin(run) {
    this.reset();
    this.run = run;
    this.status = run.status;
    this.bus.emit('live:cleared', { reason: 'new-run' });
    this.bus.emit('live:state', { state: this });
  }

  apply(frame) {
    const handler = HANDLERS[frame.type];
    if (handler) handler(this, frame);
    else this.bus.emit('live:error', { field: 'type', code: 'unknown_frame', message: `The server sent an unknown frame type "${frame.type}".` });
  }

  take(frame) {
    for (const key of STATE_KEYS) if (key in frame) this[key] = frame[key];
    if (frame.metrics) {
      this.metrics = frame.metrics;
      this.history.record(frame.time, frame.metrics);
      this.bus.emit('live:metrics', { metrics: frame.metrics, time: frame.time });
    }
    this.bus.emit('live:state', { state: this });
  }

  // The server's story so far (a snapshot's or a seek's `history`) replaces the charts'
  // series and the event log, then the frame's own state is taken.
  restore(frame, reason) {
    this.history.restore(frame.history?.series);
    this.aggregated = 0;
    this.counts = structuredClone(frame.history?.counts || {});
    this.bus.emit('live:cleared', { reason });
    if (frame.history?.events?.length) this.bus.emit('live:history', { events: frame.history.events });
  }

  // A tick's events, listed or only counted, into the per-node counts.
  count(frame) {
    const add = (node, event, n) => {
      const kinds = (this.counts[node] ||= {});
      kinds[event] = (kinds[event] || 0) + n;
    };
    for (const event of frame.events || []) add(event.node, event.event, 1);
    for (const [node, kinds] of Object.entries(frame.omitted?.nodes || {})) {
      for (const [event, n] of Object.entries(kinds)) add(node, event, n);
    }
  }

  isActive() {
    return ['ready', 'running', 'paused'].includes(this.status);
  }

  isOwner() {
    return this.role === 'owner';
  }
}

const HANDLERS = {
  snapshot(state, frame) {
    const sameRun = state.run && frame.run && state.run.id === frame.run.id;
    // A first snapshot (a late joiner's) or a resync brings the story so far.
    if (!sameRun || frame.resync || !state.synced) state.restore(frame, frame.resync ? 'resync' : 'snapshot');
    state.synced = true;
    state.run = frame.run;
    state.role = frame.role;
    state.take(frame);
    if (frame.poll) HANDLERS.poll(state, frame.poll);
  },
  tick(state, frame) {
    state.aggregated += frame.omitted?.events || 0;
    state.count(frame);
    state.take(frame);
    state.bus.emit('live:events', { events: frame.events || [], frame });
  },
  status(state, frame) {
    if (frame.reason === 'reset') {
      state.history.clear();
      state.aggregated = 0;
      state.counts = {};
      state.report = null;
      state.bus.emit('live:cleared', { reason: 'reset' });
    }
    if (frame.reason === 'seek') {
      state.report = null;
      state.restore(frame, 'seek');
    }
    if (frame.report) state.report = frame.report;
    state.take(frame);
  },
  injected(state, frame) {
    state.bus.emit('live:injected', { node: frame.node, message: frame.message, time: frame.time });
  },
  // The class's answers to the lesson's question (the classroom): choices, tally, answered, open.
  poll(state, frame) {
    state.poll = { choices: frame.choices, tally: frame.tally || [], answered: frame.answered || 0, open: Boolean(frame.open) };
    state.bus.emit('live:poll', state.poll);
  },
  shared(state, frame) {
    state.shared = { token: frame.token, ws: frame.ws, watch_url: frame.watch_url };
    if (state.run) state.run.shared = true;
    state.bus.emit('live:shared', state.shared);
  },
  error(state, frame) {
    state.bus.emit('live:error', { field: frame.field ?? '', code: frame.code || 'error', message: frame.message || 'The server refused the control.' });
  },
};
