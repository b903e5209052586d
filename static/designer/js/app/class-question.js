// A student's side of the classroom, on the watch page of a lesson's run: the lesson's
// question with a button per choice (an answer goes to the run over the watcher's
// socket; a new choice replaces it), how many have answered, the class's tally once the
// run starts, and when the run ends the answer and the explanation.

import { api } from '../net/api.js';
import { h } from '../view/dom.js';
import { renderTally } from '../view/lesson-panel.js';

export function attachClassQuestion(root, { bus, session }) {
  const box = root.querySelector('[data-class-question]');
  if (!box) return;
  const slug = box.dataset.classQuestion;
  const buttons = [...box.querySelectorAll('[data-answer]')];
  const status = box.querySelector('[data-class-status]');
  const tally = box.querySelector('[data-class-tally]');
  const explanation = box.querySelector('[data-class-explanation]');
  const choices = buttons.map((button) => button.textContent);
  let mine = null;
  let explained = false;

  for (const button of buttons) {
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', () => {
      mine = Number(button.dataset.answer);
      for (const other of buttons) other.setAttribute('aria-pressed', String(other === button));
      session.socket?.send({ type: 'answer', choice: mine });
      status.textContent = 'Answer sent. You can change it until the run starts.';
    });
  }
  bus.on('live:poll', (poll) => {
    const you = mine === null ? '' : ` · you answered ${String.fromCharCode(65 + mine)}`;
    status.textContent = `${poll.answered} answered${you}${poll.open ? '' : ' · answers are closed: watch the run'}`;
    for (const button of buttons) button.disabled = !poll.open;
    if (!poll.open) {
      tally.hidden = false;
      tally.replaceChildren(renderTally(poll, choices));
    }
  });
  bus.on('live:error', ({ code }) => {
    if (code === 'no_poll') status.textContent = 'Your teacher has not asked the question yet: answer again in a moment.';
    if (code === 'poll_closed') status.textContent = 'Answers are closed: the run has started.';
  });
  bus.on('live:state', async ({ state }) => {
    if (explained || state.status !== 'finished') return;
    explained = true;
    try {
      const lesson = await api.getLesson(slug);
      const right = lesson.question.answer;
      buttons[right]?.classList.add('right');
      explanation.hidden = false;
      explanation.replaceChildren(
        h('p', { class: 'lesson-verdict', 'data-class-verdict': mine === right ? 'right' : 'wrong',
          text: mine === right ? '✓ You were right.' : `The answer is ${String.fromCharCode(65 + right)}.` }),
        h('p', { text: lesson.question.explanation }),
      );
    } catch {
      explained = false; // offline for a moment: the next state frame tries again
    }
  });
}
