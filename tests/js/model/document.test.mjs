// The diagram document (contract section 1): loading fills defaults, ops apply and invert,
// and toJSON gives back the document in its order.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DiagramModel, emptyDocument, invertOps } from '../../../static/designer/js/model/document.js';
import { addNodeOps, deleteOps, moveOps, setFieldOps, updateMetaOps } from '../../../static/designer/js/model/ops.js';
import { recordingBus } from '../support.mjs';

const doc = () => ({
  format: 'eventyard/1', name: 'Orders', description: '',
  nodes: [{ id: 'orders', type: 'sqs.queue', position: { x: 0, y: 0 }, props: { VisibilityTimeout: 30 } }, { id: 'fn', type: 'lambda.function' }],
  edges: [{ id: 'e1', kind: 'event-source', source: 'orders', target: 'fn' }],
  sim: { seed: 7, duration: 30 },
});

test('loading fills a node’s defaults and announces doc:load', () => {
  const { bus, seen } = recordingBus('doc:load');
  const model = new DiagramModel(bus, doc());
  assert.deepEqual(model.node('fn'), { props: {}, sim: {}, position: { x: 0, y: 0 }, label: 'fn', id: 'fn', type: 'lambda.function' });
  assert.deepEqual(model.edge('e1').props, {});
  assert.equal(seen.length, 1);
  assert.deepEqual(model.edgesOf('fn').map((e) => e.id), ['e1']);
});

test('the model keeps its own copy: editing the loaded object changes nothing', () => {
  const source = doc();
  const model = new DiagramModel(recordingBus().bus, source);
  source.nodes[0].props.VisibilityTimeout = 99;
  assert.equal(model.node('orders').props.VisibilityTimeout, 30);
  const out = model.toJSON();
  out.nodes[0].label = 'changed';
  assert.equal(model.node('orders').label, 'orders');
});

test('ops apply and their inverse restores the document exactly', () => {
  const { bus, seen } = recordingBus('doc:change');
  const model = new DiagramModel(bus, doc());
  const before = model.toJSON();
  const ops = [
    ...setFieldOps(model, { kind: 'node', id: 'orders', section: 'props', name: 'VisibilityTimeout', value: 60 }),
    ...addNodeOps({ id: 'dlq', type: 'sqs.queue', role: 'dlq', position: { x: 1, y: 2 }, props: {}, sim: {} }),
    ...updateMetaOps(model, (meta) => (meta.name = 'Renamed')),
  ];
  model.apply(ops);
  assert.equal(model.node('orders').props.VisibilityTimeout, 60);
  assert.equal(model.toJSON().name, 'Renamed');
  assert.deepEqual(model.nodeList().map((n) => n.id), ['orders', 'fn', 'dlq']);
  model.apply(invertOps(ops), { reason: 'undo' });
  assert.deepEqual(model.toJSON(), before);
  assert.deepEqual(seen.map(([, d]) => d.reason), ['edit', 'undo']);
});

test('deleting a node deletes every edge that touches it, edges first', () => {
  const model = new DiagramModel(recordingBus().bus, doc());
  const ops = deleteOps(model, { nodeIds: ['fn', 'missing'] });
  assert.deepEqual(ops.map((op) => `${op.type}:${op.id}`), ['edge:e1', 'node:fn']);
  model.apply(ops);
  assert.deepEqual(model.toJSON().edges, []);
  model.apply(invertOps(ops));
  assert.deepEqual(model.toJSON(), new DiagramModel(recordingBus().bus, doc()).toJSON());
});

test('a move leaves out nodes that stay where they are', () => {
  const model = new DiagramModel(recordingBus().bus, doc());
  const ops = moveOps(model, new Map([['orders', { x: 0, y: 0 }], ['fn', { x: 40, y: 20 }], ['ghost', { x: 1, y: 1 }]]));
  assert.deepEqual(ops.map((op) => op.id), ['fn']);
  assert.deepEqual(ops[0].after.position, { x: 40, y: 20 });
  assert.deepEqual(ops[0].before.position, { x: 0, y: 0 });
});

test('setting a field to empty removes it rather than storing ""', () => {
  const model = new DiagramModel(recordingBus().bus, doc());
  const ops = setFieldOps(model, { kind: 'node', id: 'orders', section: 'props', name: 'VisibilityTimeout', value: '' });
  model.apply(ops);
  assert.deepEqual(model.node('orders').props, {});
  assert.deepEqual(setFieldOps(model, { kind: 'edge', id: 'nope', section: 'props', name: 'x', value: 1 }), []);
});

test('an empty document has the contract’s format, seed and duration', () => {
  const empty = emptyDocument('New');
  assert.deepEqual(empty, { format: 'eventyard/1', name: 'New', description: '', nodes: [], edges: [], sim: { seed: 1, duration: 60 } });
  const model = new DiagramModel(recordingBus().bus, { format: 'eventyard/1', name: 'x', nodes: [], edges: [] });
  assert.deepEqual(model.toJSON().sim, { seed: 1, duration: 60 });
});
