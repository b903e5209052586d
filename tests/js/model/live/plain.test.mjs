// Refusals and endings in plain words: a sentence naming an operator's setting
// (EVENTYARD_...) becomes one a student can act on, with the one button that helps.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { plainError, plainStop } from '../../../../static/designer/js/model/live/plain.js';

test('a run stopped by a limit says so with "Start again"; a normal end says nothing', () => {
  assert.deepEqual(plainStop('stopped', 'max_events').action, { name: 'reset', label: 'Start again' });
  assert.deepEqual(plainStop('finished', 'owner_gone').action, { name: 'run', label: 'Run again' });
  assert.equal(plainStop('stopped', 'end'), null);
  assert.equal(plainStop('running', 'max_events'), null, 'only ended runs have a stop sentence');
});

test('a known code naming a setting gets its own sentence and button', () => {
  const plain = plainError({ field: 'payload', code: 'memory_limit', message: 'The run holds 5 MB (EVENTYARD_RUN_MAX_BYTES=5000000).' });
  assert.equal(plain.message, 'The run holds as many messages as the server allows: nothing more can be injected.');
  assert.equal(plain.field, '');
  assert.deepEqual(plain.actionName, { name: 'reset', label: 'Start again' });
});

test('an unknown code only loses the setting’s name', () => {
  const plain = plainError({ field: 'x', code: 'odd', message: 'Too many widgets (EVENTYARD_MAX_WIDGETS=3) here.' });
  assert.equal(plain.message, 'Too many widgets here.');
  assert.equal(plain.field, 'x');
  assert.equal(plain.actionName, null);
});

test('sentences without a setting pass unchanged, but too_many_runs always speaks plainly', () => {
  const error = { field: 'node', code: 'unknown_node', message: 'No node "q".', action: null };
  assert.deepEqual(plainError(error), error);
  assert.match(plainError({ code: 'too_many_runs', message: 'Owner has 3 runs.' }).message, /close your other runs/);
});
