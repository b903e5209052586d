// Presenter mode (`present`, key P): for showing a diagram and its run to a room. The
// palette, inspector, problems, minimap and editing tools go away (layout.css, on the
// editor's `data-presenting`), the diagram is fitted to the screen and kept fitted as the
// window or the panels change, node text, counters and tokens grow, and a large status
// line shows the run's status, simulated time and one plain sentence about what just
// happened (model/live/narration.js). Escape, P (the action registry's `leave-presenter`
// and `present`, app/editor.js) or the line's own button leave it.

import { Narration } from '../model/live/narration.js';
import { h } from './dom.js';

const STATUS_TEXT = { ready: 'Ready', running: 'Running', paused: 'Paused', finished: 'Finished', stopped: 'Stopped' };
// Fitted by what is drawn (counter rows can be wider than their node), not node boxes.
const PRESENTER_FIT = { maxScale: 2.5, room: 0, pad: 32, useModelGeometry: false };
const IDLE_LINE = 'Press ▶ Run to start; each step of the run is told here.';

export class Presenter {
  constructor({ root, bus, canvas, model }) {
    Object.assign(this, { root, bus, canvas, model });
    this.narration = new Narration({ labelOf: (id) => model.node(id)?.label || id });
    this.bar = this.build();
    root.append(this.bar);
    this.refit = () => {
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => this.isOn() && canvas.fit());
    };
    new ResizeObserver(() => this.refit()).observe(canvas.el);
    bus.on('live:opened', () => this.refit());
    bus.on('live:state', ({ state }) => this.showState(state));
    bus.on('live:events', ({ events }) => this.tell(events));
    bus.on('live:cleared', () => this.clearLine());
    bus.on('live:history', ({ events }) => this.tell(events)); // after a seek, or joining late
    bus.on('live:error', ({ message }) => this.say(message, 'error'));
  }

  build() {
    const part = (name, tag = 'span', attrs = {}) => h(tag, { [`data-presenter-${name}`]: '', ...attrs });
    this.status = h('span', { class: 'presenter-status', 'data-presenter-status': 'none' });
    this.time = part('time', 'span', { class: 'presenter-time', text: 't = 0.0 s' });
    this.line = part('narration', 'p', { class: 'presenter-narration', 'aria-live': 'polite', text: IDLE_LINE });
    const exit = part('exit', 'button', {
      type: 'button', class: 'button presenter-exit', title: 'Leave presenter mode (Esc or P)', text: 'Exit presenter',
      onclick: () => this.toggle(false),
    });
    return h('section', { class: 'presenter-bar', 'data-presenter-bar': '', 'aria-label': 'Run status', hidden: true },
      h('div', { class: 'presenter-figures' }, this.status, this.time), this.line, exit);
  }

  isOn() {
    return this.root.hasAttribute('data-presenting');
  }

  toggle(on = !this.isOn()) {
    this.root.toggleAttribute('data-presenting', on);
    this.bar.hidden = !on;
    this.canvas.fitStyle = on ? PRESENTER_FIT : null;
    this.root.querySelector('[data-action="present"]')?.setAttribute('aria-pressed', String(on));
    this.bus.emit('presenter:change', { on });
    this.refit();
    if (!on) requestAnimationFrame(() => this.canvas.fit());
  }

  showState(state) {
    const status = state.status || 'none';
    this.status.dataset.presenterStatus = status;
    this.status.textContent = STATUS_TEXT[status] || 'No run';
    const end = state.run?.end;
    this.time.dataset.presenterTime = String(state.time ?? 0);
    this.time.textContent = `t = ${(state.time ?? 0).toFixed(1)} s${end ? ` of ${end} s` : ''}`;
  }

  tell(events) {
    const text = this.narration.offer(events);
    if (!text) return;
    const event = this.narration.shown.event;
    this.say(`At ${Number(event.t).toFixed(1)} s: ${text}.`, event.event);
  }

  say(text, kind) {
    this.line.dataset.presenterEvent = kind;
    this.line.textContent = text;
  }

  clearLine() {
    this.narration.clear();
    delete this.line.dataset.presenterEvent;
    this.line.textContent = IDLE_LINE;
  }
}
