// A lesson's flow: the answer comes before the run; each step pauses the run at its time;
// the explanation only after the last step; hints one at a time.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LessonFlow } from '../../../static/designer/js/model/lesson-flow.js';

const lesson = {
  question: { text: 'q', choices: ['a', 'b', 'c'], answer: 1 },
  steps: [{ text: 'one', focus: ['orders'], until: 10 }, { text: 'two', focus: ['dlq'], until: 30 }],
  challenge: { text: 'fix it', hints: ['first', 'second'] },
};

test('nothing plays before the question is answered', () => {
  const flow = new LessonFlow(lesson);
  assert.equal(flow.submit(), false, 'no choice yet');
  assert.equal(flow.play(), false);
  assert.deepEqual(flow.focus(), []);
  assert.equal(flow.choose(7), false, 'not a choice');
  assert.equal(flow.choose(2), true);
  assert.equal(flow.submit(), true);
  assert.equal(flow.phase, 'steps');
  assert.equal(flow.correct, false);
  assert.equal(flow.choose(1), false, 'an answer is final');
});

test('each step plays to its time, then the explanation', () => {
  const flow = new LessonFlow(lesson);
  flow.choose(1);
  flow.submit();
  assert.deepEqual(flow.focus(), ['orders']);
  assert.equal(flow.reached(50), false, 'not playing: nothing to pause');
  assert.equal(flow.play(), true);
  assert.equal(flow.play(), false, 'already playing');
  assert.equal(flow.reached(9.5), false);
  assert.equal(flow.reached(10), true);
  assert.equal(flow.step, 1);
  assert.deepEqual(flow.focus(), ['dlq']);
  flow.play();
  flow.interrupted();
  assert.equal(flow.playing, false, 'a reset stops the step, which can play again');
  flow.play();
  assert.equal(flow.reached(31), true);
  assert.equal(flow.phase, 'explained');
  assert.equal(flow.correct, true);
  assert.equal(flow.canPlay(), false);
});

test('hints one at a time, and the last check kept', () => {
  const flow = new LessonFlow(lesson);
  assert.equal(flow.nextHint(), 'first');
  assert.deepEqual(flow.shownHints(), ['first']);
  assert.equal(flow.nextHint(), 'second');
  assert.equal(flow.nextHint(), null);
  assert.equal(flow.checked({ passed: false, goals: [] }), false);
  assert.equal(flow.checked({ passed: true, goals: [] }), true);
  assert.equal(new LessonFlow({ ...lesson, challenge: null }).nextHint(), null);
});

test('the class tally as rows: letters, counts and shares', async () => {
  const { tallyRows } = await import('../../../static/designer/js/model/lesson-flow.js');
  const rows = tallyRows({ tally: [1, 3, 0] }, ['a', 'b', 'c']);
  assert.deepEqual(rows.map((r) => [r.letter, r.count, r.share]), [['A', 1, 0.25], ['B', 3, 0.75], ['C', 0, 0]]);
  assert.deepEqual(tallyRows(null, ['a', 'b']).map((r) => r.share), [0, 0]);
});
