// The trace events seen so far in this run (no DOM): the event log's rows, its filters
// and each message's journey. The server lists at most a frame's worth of events
// (`EVENTYARD_RUN_FRAME_EVENTS`) and counts the rest, so the store knows how many it
// never saw. It keeps the newest MAX_EVENTS; older ones drop off the front.

const MAX_EVENTS = 20000;
const TRIM_TO = 15000;
// Fields every event has; the rest are its details (edge, target, receiveCount, ...).
const BASE_FIELDS = new Set(['t', 'event', 'node', 'message', 'origin']);

export class EventStore {
  constructor(bus) {
    this.bus = bus;
    this.clear();
    bus.on('live:events', ({ events, frame }) => this.add(events, frame.omitted?.events || 0));
    bus.on('live:history', ({ events }) => this.add(events));
    bus.on('live:cleared', () => {
      this.clear();
      bus.emit('log:change', { store: this });
    });
  }

  clear() {
    this.events = [];
    this.next = 0; // a running number per event, for stable row keys
    this.unlisted = 0; // events the server counted but did not list
    this.dropped = 0; // events that fell off the front of the store
    this.kinds = new Set();
    this.nodes = new Set();
  }

  add(events, unlisted = 0) {
    this.unlisted += unlisted;
    if (!events.length && !unlisted) return;
    for (const event of events) {
      this.events.push({ ...event, n: this.next });
      this.next += 1;
      this.kinds.add(event.event);
      this.nodes.add(event.node);
    }
    if (this.events.length > MAX_EVENTS) {
      const cut = this.events.length - TRIM_TO;
      this.events.splice(0, cut);
      this.dropped += cut;
    }
    this.bus.emit('log:change', { store: this, added: events });
  }

  // The newest `limit` events that pass the filter ({node, kind, text}), newest first,
  // and how many passed in all.
  query({ node = '', kind = '', text = '' } = {}, limit = 200) {
    const needle = text.trim().toLowerCase();
    const rows = [];
    let matched = 0;
    for (let i = this.events.length - 1; i >= 0; i -= 1) {
      const event = this.events[i];
      if (!matches(event, node, kind, needle)) continue;
      matched += 1;
      if (rows.length < limit) rows.push(event);
    }
    return { rows, matched };
  }

  // Every event seen of the message first published as `origin`, in order.
  journey(origin) {
    return this.events.filter((event) => event.origin === origin);
  }
}

function matches(event, node, kind, needle) {
  if (node && event.node !== node) return false;
  if (kind && event.event !== kind) return false;
  if (!needle) return true;
  return describe(event).toLowerCase().includes(needle);
}

// One line of text for an event: its message ids and details (edge e1, target orders, ...).
export function describe(event) {
  const details = detailsOf(event).map(([key, value]) => `${key} ${value}`).join(' · ');
  return [event.event, event.node, event.message, event.origin !== event.message ? `origin ${event.origin}` : '', details]
    .filter(Boolean).join(' ');
}

export function detailsOf(event) {
  return Object.entries(event)
    .filter(([key]) => !BASE_FIELDS.has(key) && key !== 'n')
    .map(([key, value]) => [key, typeof value === 'object' ? JSON.stringify(value) : String(value)]);
}

// The journey's steps: time, node, what happened, and the edge it travelled, if any.
export function journeySteps(events) {
  return events.map((event) => ({
    t: event.t,
    node: event.node,
    event: event.event,
    message: event.message,
    edge: event.edge || null,
    target: event.target || null,
    details: detailsOf(event).filter(([key]) => key !== 'edge' && key !== 'target'),
  }));
}

// The nodes and edges a journey touched, for highlighting on the canvas.
export function journeyPlaces(events) {
  const nodes = new Set();
  const edges = new Set();
  for (const event of events) {
    nodes.add(event.node);
    if (event.target) nodes.add(event.target);
    if (event.edge) edges.add(event.edge);
  }
  return { nodes: [...nodes], edges: [...edges] };
}
