// The lessons page (`/lessons/`): the cards are the server's; this marks each with the
// learner's progress kept in this browser, and says how far they are.

import { LessonProgress } from '../model/lesson-progress.js';

const WORDS = { passed: '✓ Passed', done: '✓ Done', answered: 'Started' };

export function startLessons(root) {
  const progress = new LessonProgress(globalThis.localStorage);
  const cards = [...root.querySelectorAll('[data-lesson]')];
  for (const card of cards) {
    const state = progress.state(card.dataset.lesson);
    const badge = card.querySelector('[data-lesson-state]');
    card.dataset.progress = state || 'new';
    if (badge && state) {
      badge.hidden = false;
      badge.textContent = WORDS[state];
    }
  }
  const line = root.querySelector('[data-lesson-progress]');
  const finished = progress.finished(cards.map((card) => card.dataset.lesson));
  if (line) line.textContent = finished ? `You have finished ${finished} of ${cards.length} lessons in this browser.` : '';
}
