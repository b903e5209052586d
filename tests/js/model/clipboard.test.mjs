// Copy and paste: only the edges among the copied nodes come along; pasted nodes get fresh
// ids and an offset, and a copied reference (a queue's RedrivePolicy naming its DLQ, as
// in "Using dead-letter queues in Amazon SQS") follows the DLQ's copy.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { copySelection, pasteOps } from '../../../static/designer/js/model/clipboard.js';
import { DiagramModel } from '../../../static/designer/js/model/document.js';
import { recordingBus } from '../support.mjs';

function setup() {
  const model = new DiagramModel(recordingBus().bus, {
    format: 'eventyard/1', name: 'x',
    nodes: [
      { id: 'queue', type: 'sqs.queue', position: { x: 100, y: 40 }, props: { RedrivePolicy: { deadLetterTargetArn: 'dlq', maxReceiveCount: 3 } } },
      { id: 'dlq', type: 'sqs.queue', role: 'dlq', position: { x: 300, y: 40 } },
      { id: 'fn', type: 'lambda.function', position: { x: 500, y: 40 } },
    ],
    edges: [
      { id: 'e1', kind: 'dead-letter', source: 'queue', target: 'dlq' },
      { id: 'e2', kind: 'event-source', source: 'queue', target: 'fn' },
    ],
  });
  return model;
}

test('a copy holds the selected nodes and only the edges between them', () => {
  const model = setup();
  const clip = copySelection(model, { nodes: new Set(['queue', 'dlq']) });
  assert.equal(clip.format, 'eventyard/clipboard');
  assert.deepEqual(clip.nodes.map((n) => n.id), ['queue', 'dlq']);
  assert.deepEqual(clip.edges.map((e) => e.id), ['e1']);
  clip.nodes[0].label = 'changed';
  assert.equal(model.node('queue').label, 'queue', 'the clipboard is a copy');
});

test('a paste renames, offsets, and rewires references to the copies', () => {
  const model = setup();
  const clip = copySelection(model, { nodes: new Set(['queue', 'dlq']) });
  const { ops, ids } = pasteOps(model, clip, 40);
  assert.deepEqual(ids, { nodes: ['queue2', 'dlq2'], edges: ['e3'] });
  const [queue, dlq, edge] = ops.map((op) => op.after);
  assert.deepEqual(queue.position, { x: 140, y: 80 });
  assert.equal(queue.props.RedrivePolicy.deadLetterTargetArn, 'dlq2');
  assert.equal(dlq.role, 'dlq');
  assert.deepEqual([edge.source, edge.target, edge.kind], ['queue2', 'dlq2', 'dead-letter']);
  assert.ok(ops.every((op) => op.before === null));
  model.apply(ops);
  assert.equal(model.node('queue').props.RedrivePolicy.deadLetterTargetArn, 'dlq', 'the original is untouched');
});

test('a reference to a node that was not copied stays as it was', () => {
  const model = setup();
  const clip = copySelection(model, { nodes: new Set(['queue']) });
  const { ops } = pasteOps(model, clip);
  assert.equal(ops.length, 1);
  assert.equal(ops[0].after.props.RedrivePolicy.deadLetterTargetArn, 'dlq');
});

test('numbered ids are renumbered from their stem', () => {
  const model = setup();
  model.apply([{ type: 'node', id: 'queue2', before: null, after: { id: 'queue2', type: 'sqs.queue', position: { x: 0, y: 0 } } }]);
  const clip = copySelection(model, { nodes: new Set(['queue2']) });
  assert.deepEqual(pasteOps(model, clip).ids.nodes, ['queue3']);
});
