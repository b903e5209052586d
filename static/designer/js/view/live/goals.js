// The run's goals (the document's sim.goals) under the status bar, each pending, passed or
// failed as the server says in its frames: `data-goal="<name>"` with `data-goal-state`.

import { clear, h } from '../dom.js';

const MARK = { pending: '…', passed: '✓', failed: '✗' };

export class GoalsView {
  constructor(el, { bus, state }) {
    Object.assign(this, { el, state });
    this.shown = '';
    bus.on('live:state', () => this.show());
    this.show();
  }

  show() {
    const goals = this.state.goals || [];
    const key = JSON.stringify(goals);
    if (key === this.shown) return; // frames arrive many times a second
    this.shown = key;
    this.el.hidden = goals.length === 0;
    clear(this.el).append(...goals.map((goal) => {
      const value = goal.value === null || goal.value === undefined ? '' : ` (${formatValue(goal.value)})`;
      return h('li', { class: 'live-goal', 'data-goal': goal.name, 'data-goal-state': goal.state, title: `${goal.state}${value}` },
        h('span', { class: 'live-goal-mark', 'aria-hidden': 'true', text: MARK[goal.state] || '' }),
        `${goal.name}${value}`);
    }));
  }
}

function formatValue(value) {
  return Number.isInteger(value) ? String(value) : Number(value).toFixed(2);
}
