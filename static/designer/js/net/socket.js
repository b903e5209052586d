// The live run's WebSocket client (README "Live runs"; no DOM). It opens
// `/ws/runs/<id>/` (with `?watch=<token>` for a watcher), emits every frame it gets on the
// bus as `live:frame`, and sends controls. A dropped socket is reopened with
// `?last_seq=<the last run frame's seq>`, so the server replays what was missed or sends a
// snapshot; frames already seen (seq not above the last one) are skipped. A seq gap on
// one connection cannot happen by the protocol; if it ever did, the client reconnects to
// have the gap replayed rather than draw a wrong state.

const RUN_FRAMES = new Set(['tick', 'status', 'injected', 'poll']);
// Close codes the server uses for "no such run for you" (4404), "the run is gone" (4410)
// and "this watch link was revoked" (4403): reconnecting cannot help. A client closed for
// reading too slowly (4408) reconnects and gets a snapshot.
const FINAL_CODES = new Set([4403, 4404, 4410]);
const BACKOFF_MS = [250, 500, 1000, 2000, 4000];
const NORMAL_CLOSE = 1000;

export class RunSocket {
  constructor({ bus, path, watch = null, WebSocketImpl = globalThis.WebSocket }) {
    Object.assign(this, { bus, path, watch, WebSocketImpl });
    this.lastSeq = null; // the seq of the last run frame (or snapshot) applied
    this.queue = []; // controls sent before the socket was open
    this.attempt = 0;
    this.ws = null;
    this.timer = null;
    this.closedByUs = false;
    this.state = 'idle';
  }

  url() {
    const params = new URLSearchParams();
    if (this.watch) params.set('watch', this.watch);
    if (this.lastSeq !== null) params.set('last_seq', String(this.lastSeq));
    const query = params.toString();
    const scheme = globalThis.location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${globalThis.location.host}${this.path}${query ? `?${query}` : ''}`;
  }

  connect() {
    this.closedByUs = false;
    this.setState(this.attempt ? 'reconnecting' : 'connecting');
    const ws = new this.WebSocketImpl(this.url());
    this.ws = ws;
    ws.addEventListener('open', () => {
      if (ws !== this.ws) return;
      this.attempt = 0;
      this.setState('open');
      for (const control of this.queue.splice(0)) ws.send(JSON.stringify(control));
    });
    ws.addEventListener('message', (evt) => ws === this.ws && this.receive(evt.data));
    ws.addEventListener('close', (evt) => ws === this.ws && this.closed(evt.code));
  }

  receive(text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      this.bus.emit('live:frame', { frame: { type: 'error', field: '', code: 'bad_frame', message: 'The server sent a frame that is not JSON.' } });
      return;
    }
    if (RUN_FRAMES.has(frame.type)) {
      if (this.lastSeq !== null && frame.seq <= this.lastSeq) return; // replayed twice
      if (this.lastSeq !== null && frame.seq > this.lastSeq + 1) {
        this.reopen(); // a gap: ask for it again from where we are
        return;
      }
      this.lastSeq = frame.seq;
    } else if (frame.type === 'snapshot') {
      this.lastSeq = frame.seq;
    }
    this.bus.emit('live:frame', { frame });
  }

  closed(code) {
    this.ws = null;
    if (this.closedByUs || code === NORMAL_CLOSE) {
      this.setState('closed', code);
      return;
    }
    if (FINAL_CODES.has(code)) {
      this.setState('gone', code);
      return;
    }
    const wait = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt += 1;
    this.setState('reconnecting', code);
    this.timer = setTimeout(() => this.connect(), wait);
  }

  // Drop this connection and open another at once with `last_seq` (as after a drop).
  reopen() {
    const ws = this.ws;
    this.ws = null;
    ws?.close(NORMAL_CLOSE);
    this.attempt = Math.max(this.attempt, 1);
    this.connect();
  }

  send(control) {
    if (this.ws && this.ws.readyState === this.WebSocketImpl.OPEN) {
      this.ws.send(JSON.stringify(control));
    } else {
      this.queue.push(control);
      if (!this.ws && !this.timer && this.state !== 'gone') this.connect();
    }
  }

  close() {
    this.closedByUs = true;
    clearTimeout(this.timer);
    this.timer = null;
    this.queue = [];
    this.ws?.close(NORMAL_CLOSE);
    this.ws = null;
    this.setState('closed', NORMAL_CLOSE);
  }

  setState(state, code = null) {
    if (state !== 'reconnecting') clearTimeout(this.timer);
    if (state !== 'reconnecting') this.timer = null;
    this.state = state;
    this.bus.emit('live:socket', { state, code, attempt: this.attempt });
  }
}
