// What just happened in a run, in words a student understands (no DOM): one sentence per
// trace event, naming nodes by their labels ("m-7 failed its 3rd receive and moved to
// orders-dlq"), and a Narration that picks the most telling event of each tick and keeps
// a telling sentence up long enough to be read before a routine one replaces it.

// How telling each event is: a move to a DLQ outranks an error, which outranks a routine hop.
const WEIGHT = {
  'dead-letter': 9, error: 8, throttle: 8, drop: 7, expire: 7, 'visibility-timeout': 6, retry: 6,
  rebalance: 6, rebalanced: 5, scale: 5, 'filter-out': 5, success: 4, invoke: 3, 'put-record': 3, 'get-records': 2, receive: 2,
  publish: 2, deliver: 1, delete: 1,
};
const HOLD_MS = 2500;

export function ordinal(n) {
  const value = Number(n);
  const tens = value % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : { 1: 'st', 2: 'nd', 3: 'rd' }[value % 10] || 'th';
  return `${value}${suffix}`;
}

const SENTENCES = {
  'dead-letter': (e, at) => `${e.message} failed its ${ordinal(e.receiveCount)} receive and moved to ${at(e.target)}`,
  error: (e, at) => `${at(e.node)} failed while handling ${e.message}${e.error ? ` (${e.error})` : ''}`,
  throttle: (e, at) => `${at(e.node)} was too busy and turned ${e.message} away (throttled)`,
  expire: (e, at) => `${e.message} waited too long in ${at(e.node)} and expired`,
  'visibility-timeout': (e, at) => `${e.message} was not deleted in time, so ${at(e.node)} let it be received again`,
  retry: (e, at) => `${at(e.node)} tries ${e.message} again${e.after !== undefined ? ` in ${e.after} s` : ''}`,
  drop: (e, at) => `${at(e.node)} dropped ${e.message}${e.reason ? ` (${e.reason})` : ''}`,
  'filter-out': (e, at) => `${at(e.node)} filtered ${e.message} out: it did not match the filter`,
  success: (e, at) => `${at(e.node)} handled ${e.message}`,
  invoke: (e, at) => `${at(e.node)} started work on ${e.message}`,
  'put-record': (e, at) => `${at(e.node)} stored ${e.message}${e.shard !== undefined ? ` in shard ${e.shard}` : ''}`,
  'get-records': (e, at) => `${at(e.node)} handed ${e.message} to its reader`,
  receive: (e, at) => `${at(e.node)} handed ${e.message} to a consumer${e.receiveCount > 1 ? ` (${ordinal(e.receiveCount)} try)` : ''}`,
  publish: (e, at) => `${at(e.node)} sent ${e.message}${e.target ? ` to ${at(e.target)}` : ''}`,
  deliver: (e, at) => `${e.message} arrived at ${at(e.node)}`,
  delete: (e, at) => `${e.message} is done: ${at(e.node)} deleted it`,
  scale: (e, at) => `${at(e.node)} went from ${e.was} to ${e.pollers} pollers`,
  rebalance: (e, at) => `${at(e.node)}: a consumer group stops reading to share the partitions among ${e.members} members`,
  rebalanced: (e, at) => `${at(e.node)}: the consumer group reads again, ${e.stoppedFor} s after it stopped`,
};

// One sentence for one trace event; `labelOf(id)` names a node (its id if it has no label).
export function narrate(event, labelOf = (id) => id) {
  const at = (id) => labelOf(id) ?? id;
  const sentence = SENTENCES[event.event];
  return sentence ? sentence(event, at) : `${event.event} at ${at(event.node)}: ${event.message}`;
}

export function weightOf(event) {
  return WEIGHT[event.event] ?? 0;
}

// The most telling event of a batch (the latest of equals), or null for none.
export function mostTelling(events) {
  let best = null;
  for (const event of events) if (!best || weightOf(event) >= weightOf(best)) best = event;
  return best;
}

export class Narration {
  constructor({ labelOf, now = () => performance.now() }) {
    Object.assign(this, { labelOf, now });
    this.clear();
  }

  clear() {
    this.shown = null; // {event, text, at}
  }

  // The sentence to show after a tick's events, or null to keep the one shown.
  offer(events) {
    const event = mostTelling(events);
    if (!event) return null;
    const held = this.shown && this.now() - this.shown.at < HOLD_MS && weightOf(event) < weightOf(this.shown.event);
    if (held) return null;
    this.shown = { event, text: narrate(event, this.labelOf), at: this.now() };
    return this.shown.text;
  }
}
