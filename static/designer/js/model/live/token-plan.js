// Which messages to animate on which wires, and how they look (no DOM). A tick frame's
// trace events become tokens: one per message copy and edge, coloured by what happened to
// it there:
//   publish, deliver, invoke, get-records along `edge`  -> delivered
//   filter-out                                          -> filtered
//   error (at a node)                                   -> failed, back along the edge it came in on
//   retry                                               -> failed (a batch tried again)
//   dead-letter                                         -> dead-lettered
//   throttle                                            -> throttled
//   drop                                                -> dropped
// A later event for the same copy and edge recolours its token (a publish then a
// filter-out is one filtered token). Tokens are spread over the wall time between frames
// by their simulated time, so a stream looks like a stream. At most `cap` tokens live at
// once: past that, new ones are sampled evenly, and `sampling()` says "1 in N".

export const OUTCOMES = ['delivered', 'filtered', 'failed', 'dead-lettered', 'throttled', 'dropped'];

const BY_EVENT = {
  publish: 'delivered',
  deliver: 'delivered',
  invoke: 'delivered',
  'get-records': 'delivered',
  'filter-out': 'filtered',
  retry: 'failed',
  'dead-letter': 'dead-lettered',
  throttle: 'throttled',
  drop: 'dropped',
};
const RANK = { delivered: 0, throttled: 1, filtered: 2, failed: 2, dropped: 3, 'dead-lettered': 3 };
const MEMORY = 20000; // message -> the last edge it travelled, for errors at a node
const WINDOW_MS = 2000; // the sampling figure covers about this much recent wall time

export class TokenPlan {
  constructor({ cap = 1000 } = {}) {
    this.cap = cap;
    this.pending = []; // tokens waiting for their start time, in start order
    this.live = []; // tokens moving now (the view owns their elements)
    this.byKey = new Map(); // message|edge -> a pending or live token
    this.lastEdge = new Map();
    this.stride = 0;
    this.wanted = 0; // decayed counts for the sampling figure
    this.drawn = 0;
    this.decayedAt = 0;
  }

  clear() {
    this.pending = [];
    this.byKey.clear();
    this.lastEdge.clear();
    this.wanted = 0;
    this.drawn = 0;
    const live = this.live;
    this.live = [];
    return live; // the view takes their elements back
  }

  // The tokens of one tick frame. `now` is the wall clock (ms); `spanMs` how long the
  // frame's events are spread over; `hasEdge(id)` whether the canvas shows that edge.
  plan(frame, { now, spanMs, hasEdge }) {
    const from = frame.from ?? 0;
    const to = frame.to ?? from;
    const width = to - from;
    const fresh = [];
    for (const event of frame.events || []) {
      const found = this.classify(event);
      if (!found || !hasEdge(found.edge)) continue;
      const key = `${event.message}|${found.edge}${found.reverse ? '|back' : ''}`;
      const existing = this.byKey.get(key);
      if (existing) {
        if (RANK[found.outcome] >= RANK[existing.outcome]) existing.outcome = found.outcome;
        continue;
      }
      const at = width > 0 ? (event.t - from) / width : 0;
      const token = { key, edge: found.edge, outcome: found.outcome, reverse: found.reverse, start: now + Math.max(0, Math.min(1, at)) * spanMs, el: null };
      this.byKey.set(key, token);
      fresh.push(token);
    }
    const omitted = Object.values(frame.omitted?.edges || {}).reduce((sum, n) => sum + n, 0);
    this.admit(fresh, omitted, now);
  }

  classify(event) {
    if (event.event === 'error') {
      const edge = this.lastEdge.get(event.message);
      if (!edge) return null;
      const waiting = this.byKey.get(`${event.message}|${edge}`);
      if (waiting && waiting.el === null) return { edge, outcome: 'failed', reverse: false };
      return { edge, outcome: 'failed', reverse: true };
    }
    const outcome = BY_EVENT[event.event];
    if (!outcome || !event.edge) return null;
    this.remember(event.message, event.edge);
    return { edge: event.edge, outcome, reverse: false };
  }

  remember(message, edge) {
    this.lastEdge.delete(message);
    this.lastEdge.set(message, edge);
    if (this.lastEdge.size > MEMORY) this.lastEdge.delete(this.lastEdge.keys().next().value);
  }

  // Keeps an even sample of `fresh` that fits under the cap; counts what was wanted.
  admit(fresh, omitted, now) {
    this.decay(now);
    const wanted = fresh.length + omitted;
    this.wanted += wanted;
    if (!fresh.length) return;
    const room = Math.max(0, this.cap - this.live.length - this.pending.length);
    const every = room <= 0 ? Infinity : Math.max(1, Math.ceil(wanted / room));
    const kept = [];
    for (const token of fresh) {
      const keep = every !== Infinity && this.stride % every === 0;
      this.stride += 1;
      if (keep && kept.length < room) kept.push(token);
      else this.byKey.delete(token.key);
    }
    this.drawn += kept.length;
    this.pending.push(...kept);
    this.pending.sort((a, b) => a.start - b.start);
  }

  decay(now) {
    const elapsed = now - this.decayedAt;
    this.decayedAt = now;
    if (elapsed <= 0) return;
    const factor = Math.exp(-elapsed / WINDOW_MS);
    this.wanted *= factor;
    this.drawn *= factor;
  }

  // Tokens whose start time has come: they move from pending to live.
  due(now) {
    let count = 0;
    while (count < this.pending.length && this.pending[count].start <= now) count += 1;
    const started = this.pending.splice(0, count);
    this.live.push(...started);
    return started;
  }

  // Forget a token that has arrived (or could not be drawn).
  finish(token) {
    if (this.byKey.get(token.key) === token) this.byKey.delete(token.key);
  }

  // N in "showing 1 in N" (1: everything is drawn), over the last few seconds.
  sampling(now = this.decayedAt) {
    this.decay(now);
    if (this.wanted < 1) return 1;
    if (this.drawn < 0.5) return Math.round(this.wanted);
    return Math.max(1, Math.round(this.wanted / this.drawn));
  }

  count() {
    return this.live.length + this.pending.length;
  }
}
