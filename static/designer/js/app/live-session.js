// One page's live run, from the owner's side (no DOM): making the run (POST /api/runs/),
// its socket, and the controls. Run makes a new run when there is none, when the last one
// has ended, or when the diagram changed since it was made; otherwise it starts the one
// there is. Step with no run makes one and steps it. A watcher's session only attaches to
// a run it was given (`watch`), and sends nothing. Failures become `live:error`.

import { runApi } from '../net/run-api.js';
import { RunSocket } from '../net/socket.js';

export class LiveSession {
  // `prepare()` saves the diagram (a sentence if it cannot); `signature()` is what of the
  // diagram matters to a run (layout does not), to tell whether it changed since.
  constructor({ bus, state, diagramId = null, prepare = async () => null, signature = () => '', api = runApi }) {
    Object.assign(this, { bus, state, diagramId, prepare, signature, api });
    this.socket = null;
    this.speed = null; // the speed chosen on the control; null: each run's own (sim.speed)
    this.changed = false; // the diagram changed since the run was made
    this.madeFrom = null;
    this.busy = false;
    bus.on('doc:change', () => (this.changed = this.madeFrom !== null && this.signature() !== this.madeFrom));
  }

  // Watch a run (the watch page): no controls are ever sent.
  watch(run, token) {
    this.state.begin(run);
    this.open(run.ws, token);
  }

  open(path, watch = null) {
    this.socket?.close();
    this.socket = new RunSocket({ bus: this.bus, path, watch });
    this.socket.connect();
  }

  async run() {
    const { state } = this;
    if (state.run && state.status === 'ready' && !this.changed) {
      this.send({ type: 'start' });
      return;
    }
    if (state.isActive() && !this.changed) return;
    if (await this.fresh()) this.send({ type: 'start' });
  }

  async step(unit) {
    const { state } = this;
    const usable = state.run && ['ready', 'paused'].includes(state.status) && !this.changed;
    if (usable || (await this.fresh())) this.send({ type: 'step', unit });
  }

  // Skip to the next event; seek to a simulated time (with no usable run, a new one).
  async skip() {
    if (this.usable(['ready', 'running', 'paused']) || (await this.fresh())) this.send({ type: 'skip' });
  }

  async seek(time) {
    const end = this.state.run?.end;
    const target = Math.max(0, end ? Math.min(time, end) : time);
    if (this.usable(['ready', 'running', 'paused', 'finished', 'stopped']) || (await this.fresh())) {
      this.send({ type: 'seek', time: target });
    }
  }

  usable(statuses) {
    return Boolean(this.state.run && statuses.includes(this.state.status) && !this.changed && this.socket?.state !== 'gone');
  }

  // A new run of the saved diagram (the old one, if any, is closed); false if it failed.
  async fresh() {
    if (this.busy) return false;
    this.busy = true;
    try {
      const problem = await this.prepare();
      if (problem) {
        this.fail('diagram', 'not_saved', problem);
        return false;
      }
      await this.closeRun();
      const madeFrom = this.signature();
      const run = await this.api.create(this.diagramId);
      this.madeFrom = madeFrom;
      this.changed = false;
      this.state.begin(run);
      this.bus.emit('live:opened', { run });
      this.open(run.ws);
      if (this.speed !== null) this.send({ type: 'speed', value: this.speed });
      return true;
    } catch (error) {
      this.failed(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  failed(error) {
    const problem = error.body?.problems?.[0];
    const runs = error.body?.runs;
    let action = runs?.length ? {
      label: runs.length > 1 ? 'Close your other runs and run' : 'Close your other run and run',
      run: async () => {
        await Promise.allSettled(runs.map((id) => this.api.close(id)));
        this.run();
      },
    } : null;
    if (problem?.code === 'rate_limited') action = { label: 'Try again', run: () => this.run() };
    this.fail(problem?.path || '', problem?.code || (error.status ? `http_${error.status}` : 'offline'), error.message, action);
  }

  fail(field, code, message, action = null) {
    this.bus.emit('live:error', { field, code, message, action });
  }

  async closeRun() {
    const id = this.state.run?.id;
    this.socket?.close();
    this.socket = null;
    if (!id || !this.state.isOwner()) return;
    try {
      await this.api.close(id);
    } catch {
      // Already gone (closed, or idle too long): nothing to close.
    }
  }

  async close() {
    await this.closeRun();
    this.state.reset();
    this.bus.emit('live:cleared', { reason: 'closed' });
    this.bus.emit('live:state', { state: this.state });
  }

  setSpeed(value) {
    this.speed = value;
    if (this.state.run && this.socket) this.send({ type: 'speed', value });
  }

  send(control) {
    if (!this.socket) {
      this.fail('type', 'no_run', `There is no live run to ${control.type}: press Run first.`);
      return;
    }
    if (this.socket.state === 'gone') {
      this.fail('type', 'closed', `This run is gone (closed, or idle too long), so it cannot ${control.type}: press Run for a new one.`);
      return;
    }
    this.socket.send(control);
  }

  inject(node, payload, attributes) {
    const control = { type: 'inject', node, payload };
    if (attributes && Object.keys(attributes).length) control.attributes = attributes;
    this.send(control);
  }
}
