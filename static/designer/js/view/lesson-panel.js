// The lesson beside the canvas: the question first (a choice, then Answer), then the steps
// (each plays the run to its time, its nodes highlighted on the canvas), then the answer
// and the explanation with the run's figures. A challenge adds its task, hints on demand
// and the goals of the last check (`data-goal`, `data-goal-state`). Buttons carry the
// actions' names (`data-action`): app/lesson.js registers them.

import { tallyRows } from '../model/lesson-flow.js';
import { clear, h } from './dom.js';

const LEVELS = { 1: 'beginner', 2: 'intermediate', 3: 'advanced' };

export class LessonPanel {
  constructor(el, { flow, editable, onChoose }) {
    Object.assign(this, { el, flow, editable, onChoose });
    this.classroom = null; // {link, poll} once the lesson is opened to a class
    this.focusStyle = document.createElement('style');
    this.focusStyle.dataset.lessonFocus = '';
    document.head.append(this.focusStyle);
    this.message = '';
    this.render();
  }

  say(message) {
    this.message = message;
    this.render();
  }

  render() {
    const { flow } = this;
    const lesson = flow.lesson;
    clear(this.el);
    this.el.dataset.phase = flow.phase;
    this.el.append(...[
      h('header', { class: 'lesson-head' },
        h('p', { class: 'lesson-crumbs' }, h('a', { href: '/lessons/', text: '← Lessons' }), ` · ${LEVELS[lesson.level] || ''}`),
        h('h2', { class: 'lesson-title', text: lesson.title }),
        h('p', { class: 'lesson-topics' }, lesson.topics.map((topic) => h('span', { class: 'lesson-topic', text: topic })))),
      this.question(),
      flow.phase === 'question' ? null : this.stepsList(),
      flow.phase === 'explained' ? this.explanation() : null,
      lesson.challenge ? this.challenge() : null,
      this.editable ? null : this.classSection(),
      this.message ? h('p', { class: 'lesson-message', role: 'status', 'data-lesson-message': '', text: this.message }) : null,
    ].filter(Boolean));
    this.highlight(flow.focus());
  }

  question() {
    const { flow } = this;
    const { question } = flow.lesson;
    const answered = flow.phase !== 'question';
    const choices = question.choices.map((text, index) => {
      const picked = (answered ? flow.answer : flow.choice) === index;
      let mark = '';
      if (flow.phase === 'explained' && index === question.answer) mark = ' right';
      else if (flow.phase === 'explained' && picked) mark = ' wrong';
      return h('li', { class: `lesson-choice${picked ? ' picked' : ''}${mark}` },
        h('label', {},
          h('input', {
            type: 'radio', name: 'lesson-choice', value: String(index), 'data-choice': index,
            checked: picked, disabled: answered, onchange: () => this.onChoose(index),
          }),
          ` ${text}`));
    });
    return h('section', { class: 'lesson-question', 'data-lesson-question': '' },
      h('p', { class: 'lesson-ask', text: question.text }),
      h('ol', { class: 'lesson-choices', type: 'A' }, choices),
      answered
        ? h('p', { class: 'lesson-note', text: flow.phase === 'explained' ? '' : 'Your answer is in. Now run the diagram and see.' })
        : h('button', { type: 'button', class: 'button primary', 'data-action': 'lesson-answer', disabled: flow.choice === null, text: 'Answer' }));
  }

  stepsList() {
    const { flow } = this;
    const items = flow.steps.map((step, index) => {
      let state = 'next';
      if (index < flow.reachedSteps) state = 'done';
      else if (index === flow.step && flow.phase === 'steps') state = flow.playing ? 'playing' : 'current';
      return h('li', { class: `lesson-step ${state}`, 'data-lesson-step': index, 'data-step-state': state },
        h('span', { class: 'lesson-step-text', text: step.text }),
        h('span', { class: 'lesson-step-until', text: ` (to ${step.until} s)` }));
    });
    const current = flow.phase === 'steps' ? flow.current : null;
    return h('section', { class: 'lesson-steps' },
      h('h3', { text: 'Watch it' }),
      h('ol', {}, items),
      current ? h('button', {
        type: 'button', class: 'button primary', 'data-action': 'lesson-play', disabled: !flow.canPlay(),
        text: flow.playing ? `Playing to ${current.until} s…` : `▶ Play to ${current.until} s`,
      }) : null);
  }

  explanation() {
    const { flow } = this;
    const { question } = flow.lesson;
    const verdict = flow.correct
      ? 'You were right.'
      : `The answer is ${String.fromCharCode(65 + question.answer)}: ${question.choices[question.answer]}`;
    return h('section', { class: 'lesson-explanation', 'data-lesson-explanation': '' },
      h('h3', { text: flow.correct ? '✓ Right' : 'Not quite' }),
      h('p', { class: 'lesson-verdict', text: verdict }),
      h('p', { text: question.explanation }));
  }

  challenge() {
    const { flow } = this;
    const { challenge } = flow.lesson;
    const hints = flow.shownHints();
    const more = hints.length < (challenge.hints || []).length;
    const check = flow.check;
    return h('section', { class: 'lesson-challenge', 'data-lesson-challenge': '' },
      h('h3', { text: 'Challenge' }),
      h('p', { text: challenge.text }),
      hints.length ? h('ul', { class: 'lesson-hints' }, hints.map((hint) => h('li', { 'data-lesson-hint': '', text: hint }))) : null,
      h('p', { class: 'lesson-actions' },
        more ? h('button', { type: 'button', class: 'button', 'data-action': 'lesson-hint', text: hints.length ? 'Another hint' : 'Hint' }) : null,
        this.editable
          ? h('button', { type: 'button', class: 'button primary', 'data-action': 'check', text: 'Check' })
          : h('button', { type: 'button', class: 'button primary', 'data-action': 'duplicate', text: 'Duplicate to fix it' })),
      check ? h('div', { class: `lesson-check ${check.passed ? 'passed' : 'failed'}`, 'data-check-result': check.passed ? 'passed' : 'failed' },
        h('p', { class: 'lesson-verdict', text: check.passed ? '✓ Every goal holds: challenge passed.' : 'Not yet: some goals fail.' }),
        h('ul', { class: 'lesson-goals' }, check.goals.map((goal) => h('li', {
          class: `lesson-goal ${goal.passed ? 'passed' : 'failed'}`, 'data-goal': goal.name, 'data-goal-state': goal.passed ? 'passed' : 'failed',
          text: `${goal.passed ? '✓' : '✗'} ${goal.name}${goal.value !== null && goal.value !== undefined ? ` (${goal.value})` : ''}${goal.reason ? `: ${goal.reason}` : ''}`,
        })))) : null);
  }

  // The classroom: a link for the students' screens, and their answers as they come in.
  classSection() {
    const room = this.classroom;
    const choices = this.flow.lesson.question.choices;
    return h('section', { class: 'lesson-class', 'data-lesson-class': '' },
      h('h3', { text: 'Your class' }),
      room?.link
        ? h('p', { class: 'lesson-class-link' }, 'Students open: ', h('a', { href: room.link, target: '_blank', rel: 'noopener', 'data-class-link': '', text: room.link }))
        : h('p', { class: 'lesson-note', text: 'Ask the class before the run: each student answers on their own screen.' }),
      room?.poll ? h('p', { 'data-class-answered': room.poll.answered, text: `${room.poll.answered} answered${room.poll.open ? '' : ' (closed: the run has started)'}` }) : null,
      room?.poll ? renderTally(room.poll, choices) : null,
      room?.link ? null : h('button', { type: 'button', class: 'button', 'data-action': 'lesson-class', text: 'Ask the class' }));
  }

  // Focus nodes glow on the canvas: a style rule per node id, so the canvas's own
  // re-renders keep it.
  highlight(ids) {
    const safe = ids.filter((id) => /^[A-Za-z0-9_-]+$/.test(id));
    this.focusStyle.textContent = safe.length
      ? `${safe.map((id) => `[data-canvas] [data-node-id="${id}"]`).join(',\n')} { filter: drop-shadow(0 0 6px #f59e0b) drop-shadow(0 0 2px #f59e0b); }`
      : '';
  }
}

// A tally as bars (the teacher's panel and the students' watch page).
export function renderTally(poll, choices) {
  return h('div', { class: 'class-tally', 'data-class-tally': '' }, tallyRows(poll, choices).map((row) => h('div', { class: 'tally-row', 'data-tally': row.letter },
    h('span', { text: row.letter }),
    h('span', { class: 'tally-track' }, h('span', { class: 'tally-bar', style: `display:block;width:${Math.round(row.share * 100)}%` })),
    h('span', { text: String(row.count) }))));
}
