// Which counters a node shows, from the catalogue: a queue in the dlq role shows its DLQ
// counters, a function fed by a stream its iterator age ("Monitoring Lambda functions":
// IteratorAge is for stream event sources); values as the counters print them.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Catalog } from '../../../../static/designer/js/model/catalog.js';
import { DiagramModel } from '../../../../static/designer/js/model/document.js';
import { countersFor, edgesWithTypes, formatValue } from '../../../../static/designer/js/model/live/counters.js';
import { recordingBus } from '../../support.mjs';

const catalog = new Catalog({
  node_types: [
    { type: 'sqs.queue', props: [], counters: { default: [['NumberOfMessagesSent', 'sent']], dlq: [['ApproximateNumberOfMessagesVisible', 'waiting']] } },
    { type: 'lambda.function', props: [], counters: { default: [['Invocations', 'calls']], stream: [['IteratorAge', 'age']] } },
    { type: 'kinesis.stream', props: [], stream: true, counters: { default: [['IncomingRecords', 'in']] } },
  ],
  presets: [],
  edge_kinds: [],
});

const model = new DiagramModel(recordingBus().bus, {
  format: 'eventyard/1', name: 'x',
  nodes: [
    { id: 'q', type: 'sqs.queue' }, { id: 'dlq', type: 'sqs.queue', role: 'dlq' },
    { id: 'fromQueue', type: 'lambda.function' }, { id: 'fromStream', type: 'lambda.function' }, { id: 's', type: 'kinesis.stream' },
  ],
  edges: [
    { id: 'e1', kind: 'event-source', source: 'q', target: 'fromQueue' },
    { id: 'e2', kind: 'event-source', source: 's', target: 'fromStream' },
  ],
});

test('each node’s counters by its type, role and what feeds it', () => {
  const edges = edgesWithTypes(model);
  assert.deepEqual(edges.map((e) => e.sourceType), ['sqs.queue', 'kinesis.stream']);
  const names = (id) => countersFor(catalog, model.node(id), edges).map(([name]) => name);
  assert.deepEqual(names('q'), ['NumberOfMessagesSent']);
  assert.deepEqual(names('dlq'), ['ApproximateNumberOfMessagesVisible']);
  assert.deepEqual(names('fromQueue'), ['Invocations']);
  assert.deepEqual(names('fromStream'), ['IteratorAge']);
  assert.deepEqual(names('s'), ['IncomingRecords']);
});

test('an unknown type, or no catalogue yet, shows no counters', () => {
  assert.deepEqual(countersFor(catalog, { id: 'x', type: 'nope' }), []);
  assert.deepEqual(countersFor(null, model.node('q')), []);
});

test('values: integers as they are, others to one decimal, nothing as a dash', () => {
  assert.deepEqual([formatValue(3), formatValue(2.25), formatValue(undefined), formatValue(null), formatValue('OK')], ['3', '2.3', '–', '–', 'OK']);
});

test('with an idempotency store, consumers and the table that stores show its counters', () => {
  const idem = new Catalog({
    node_types: [
      { type: 'lambda.function', props: [], counters: { default: [['Invocations', 'calls']], idempotency: [['DuplicatesSkipped', 'skipped']] } },
      { type: 'dynamodb.table', props: [], counters: { default: [['ConsumedWriteCapacityUnits', 'writes']], idempotency: [['ConditionalCheckFailedRequests', 'refused']] } },
    ],
    presets: [],
    edge_kinds: [],
  });
  const edges = [{ id: 'i', kind: 'idempotency', source: 'f', target: 'store' }];
  const names = (node) => countersFor(idem, node, edges).map(([name]) => name);
  assert.deepEqual(names({ id: 'f', type: 'lambda.function' }), ['DuplicatesSkipped']);
  assert.deepEqual(names({ id: 'g', type: 'lambda.function' }), ['DuplicatesSkipped']);
  assert.deepEqual(names({ id: 'store', type: 'dynamodb.table' }), ['ConditionalCheckFailedRequests']);
  assert.deepEqual(names({ id: 'other', type: 'dynamodb.table' }), ['ConsumedWriteCapacityUnits']);
  assert.deepEqual(countersFor(idem, { id: 'f', type: 'lambda.function' }, []).map(([n]) => n), ['Invocations']);
});
