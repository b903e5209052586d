// The undo history: every change is one undoable step; a new change forgets what was undone;
// the toolbar learns the labels of the next undo and redo from `history:change`.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DiagramModel } from '../../../static/designer/js/model/document.js';
import { History } from '../../../static/designer/js/model/history.js';
import { addNodeOps, updateNodeOps } from '../../../static/designer/js/model/ops.js';
import { recordingBus } from '../support.mjs';

const node = (id) => ({ id, type: 'sqs.queue', position: { x: 0, y: 0 }, props: {}, sim: {}, label: id });

function setup() {
  const { bus, seen } = recordingBus('history:change');
  const model = new DiagramModel(bus);
  return { model, history: new History(model, bus), seen };
}

test('undo and redo walk the steps back and forth with their labels', () => {
  const { model, history, seen } = setup();
  history.execute(addNodeOps(node('a')), 'add a');
  history.execute(updateNodeOps(model, 'a', (n) => (n.label = 'Orders')), 'rename');
  assert.deepEqual(seen.at(-1)[1], { undo: 'rename', redo: null });
  assert.deepEqual([history.undoLabel(), history.redoLabel()], ['rename', null], 'what the toolbar names');
  assert.equal(history.undo().label, 'rename');
  assert.equal(model.node('a').label, 'a');
  assert.deepEqual(seen.at(-1)[1], { undo: 'add a', redo: 'rename' });
  history.undo();
  assert.equal(model.node('a'), undefined);
  assert.equal(history.undo(), null, 'nothing left to undo');
  history.redo();
  history.redo();
  assert.equal(model.node('a').label, 'Orders');
  assert.equal(history.redo(), null);
});

test('a new change after an undo drops the redo branch', () => {
  const { history } = setup();
  history.execute(addNodeOps(node('a')), 'add a');
  history.undo();
  assert.ok(history.canRedo());
  history.execute(addNodeOps(node('b')), 'add b');
  assert.ok(!history.canRedo());
  assert.ok(history.canUndo());
});

test('an empty change is no step', () => {
  const { history, seen } = setup();
  assert.equal(history.execute([], 'nothing'), false);
  assert.equal(seen.length, 0);
  assert.ok(!history.canUndo());
});

test('at most 500 steps are kept: the oldest go first', () => {
  const { history } = setup();
  for (let i = 0; i < 505; i += 1) history.execute(addNodeOps(node(`n${i}`)), `add ${i}`);
  assert.equal(history.done.length, 500);
  assert.equal(history.done[0].label, 'add 5');
});

test('clear forgets both directions and says so', () => {
  const { history, seen } = setup();
  history.execute(addNodeOps(node('a')), 'add a');
  history.undo();
  history.clear();
  assert.ok(!history.canUndo() && !history.canRedo());
  assert.deepEqual(seen.at(-1)[1], { undo: null, redo: null });
});
