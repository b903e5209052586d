// The run controls (README "Live runs"): which apply in each run status, and the inject
// form's JSON, refused with the line and column of the mistake.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SPEEDS, allowedControls, parseJson } from '../../../../static/designer/js/model/live/run-controls.js';

const on = (status, changed = false) => Object.entries(allowedControls(status, changed)).filter(([, yes]) => yes).map(([name]) => name).sort();

test('what each status allows', () => {
  assert.deepEqual(on(null), ['run', 'skip', 'step', 'step-second']);
  assert.deepEqual(on('ready'), ['inject', 'reset', 'run', 'share', 'skip', 'step', 'step-second']);
  assert.deepEqual(on('running'), ['inject', 'pause', 'reset', 'share', 'skip']);
  assert.deepEqual(on('paused'), ['inject', 'reset', 'resume', 'share', 'skip', 'step', 'step-second']);
  assert.deepEqual(on('finished'), ['reset', 'run', 'share', 'skip', 'step', 'step-second']);
});

test('a changed diagram may run again while its old run is going', () => {
  assert.ok(!allowedControls('running', false).run);
  assert.ok(allowedControls('running', true).run);
});

test('speeds go up from a tenth to max', () => {
  assert.equal(SPEEDS[0], 0.1);
  assert.equal(SPEEDS.at(-1), 'max');
  assert.ok(SPEEDS.slice(0, -1).every((speed, i, all) => i === 0 || speed > all[i - 1]));
});

test('a payload is any JSON value; attributes must be an object', () => {
  assert.deepEqual(parseJson('{"a": 1}', { required: true }), { value: { a: 1 } });
  assert.deepEqual(parseJson('42', { required: true }), { value: 42 });
  assert.match(parseJson('  ', { required: true }).error, /payload is required/);
  assert.deepEqual(parseJson('', { required: false, object: true }), { value: null });
  assert.match(parseJson('[1]', { required: false, object: true }).error, /must be a JSON object/);
  assert.match(parseJson('null', { required: false, object: true }).error, /must be a JSON object/);
});

test('a JSON mistake the parser places is named by line and column', () => {
  const { error } = parseJson('{\n  "a": 1\n  "b": 2\n}', { required: true });
  assert.equal(error, "Not valid JSON: Expected ',' or '}' after property value at line 3, column 3");
  // V8 places some mistakes only by quoting the text around them: that quote is kept.
  assert.match(parseJson('{"b": oops}', { required: true }).error, /^Not valid JSON: Unexpected token/);
});
