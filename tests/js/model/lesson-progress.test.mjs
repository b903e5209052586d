// Progress kept in the browser: survives a reload, ignores a broken or full storage.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LessonProgress, PROGRESS_KEY } from '../../../static/designer/js/model/lesson-progress.js';

function memory(initial = {}) {
  const data = { ...initial };
  return { getItem: (key) => data[key] ?? null, setItem: (key, value) => (data[key] = value), data };
}

test('answers, done and passed, read back by a new page', () => {
  const storage = memory();
  const progress = new LessonProgress(storage);
  assert.equal(progress.state('a'), '');
  progress.record('a', { answer: 0, correct: false });
  assert.equal(progress.state('a'), 'answered');
  progress.record('a', { done: true });
  progress.record('b', { passed: true });
  const again = new LessonProgress(storage);
  assert.deepEqual(again.of('a'), { answer: 0, correct: false, done: true });
  assert.equal(again.state('b'), 'passed');
  assert.equal(again.finished(['a', 'b', 'c']), 2);
});

test('a broken or full storage is ignored', () => {
  const broken = new LessonProgress(memory({ [PROGRESS_KEY]: '{not json' }));
  assert.equal(broken.state('a'), '');
  const full = new LessonProgress({ getItem: () => '[1, 2]', setItem: () => { throw new Error('full'); } });
  assert.deepEqual(full.record('a', { done: true }), { done: true });
  assert.equal(full.state('a'), 'done');
  assert.equal(new LessonProgress(undefined).state('a'), '');
});
