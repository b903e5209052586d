// The selection: picks, toggles and the single selected item; ids the document loses are
// dropped after each change, and a load starts with nothing selected.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DiagramModel } from '../../../static/designer/js/model/document.js';
import { deleteOps } from '../../../static/designer/js/model/ops.js';
import { Selection } from '../../../static/designer/js/model/selection.js';
import { recordingBus } from '../support.mjs';

function setup() {
  const { bus, seen } = recordingBus('selection:change');
  const model = new DiagramModel(bus, {
    format: 'eventyard/1', name: 'x',
    nodes: [{ id: 'a', type: 'sqs.queue' }, { id: 'b', type: 'sqs.queue' }],
    edges: [{ id: 'e1', kind: 'event-source', source: 'a', target: 'b' }],
  });
  return { model, selection: new Selection(model, bus), seen };
}

test('pick replaces, toggle flips, additive adds', () => {
  const { selection } = setup();
  selection.pick('node', 'a');
  selection.pick('node', 'b');
  assert.deepEqual([...selection.nodes], ['b']);
  selection.pick('node', 'a', { toggle: true });
  assert.deepEqual([...selection.nodes], ['b', 'a']);
  selection.pick('node', 'a', { toggle: true });
  assert.deepEqual([...selection.nodes], ['b']);
  selection.pick('edge', 'e1', { additive: true });
  assert.ok(selection.has('edge', 'e1') && selection.has('node', 'b'));
  assert.equal(selection.single(), null, 'two items are not a single one');
  selection.pick('edge', 'e1');
  assert.deepEqual(selection.single(), { kind: 'edge', id: 'e1' });
  assert.deepEqual([...selection.nodes], []);
});

test('deleting a selected node drops it (and its edge) from the selection', () => {
  const { model, selection, seen } = setup();
  selection.set({ nodes: ['a', 'b'], edges: ['e1'] });
  const count = seen.length;
  model.apply(deleteOps(model, { nodeIds: ['a'] }));
  assert.deepEqual([...selection.nodes], ['b']);
  assert.deepEqual([...selection.edges], []);
  assert.equal(seen.length, count + 1);
  assert.deepEqual(seen.at(-1)[1], { nodes: ['b'], edges: [] });
});

test('a change that keeps every selected id announces nothing', () => {
  const { model, selection, seen } = setup();
  selection.set({ nodes: ['a'] });
  const count = seen.length;
  model.apply([]);
  assert.equal(seen.length, count);
});

test('loading a document clears the selection; clearing an empty one is silent', () => {
  const { model, selection, seen } = setup();
  selection.set({ nodes: ['a'] });
  model.load({ format: 'eventyard/1', name: 'y', nodes: [{ id: 'a', type: 'sqs.queue' }], edges: [] });
  assert.ok(selection.isEmpty());
  const count = seen.length;
  selection.clear();
  assert.equal(seen.length, count);
});
