// The presenter's plain sentences: a DLQ move ("Using dead-letter queues in Amazon SQS":
// after maxReceiveCount receives a message moves to the dead-letter queue) outranks a
// routine hop, and a telling sentence is held long enough to be read.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Narration, mostTelling, narrate, ordinal } from '../../../../static/designer/js/model/live/narration.js';

const labels = { orders: 'Orders queue', dlq: 'orders-dlq', fn: 'Worker' };
const labelOf = (id) => labels[id];

test('ordinals in English', () => {
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 103, 111].map(ordinal), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '103rd', '111th']);
});

test('each event kind has its sentence, naming nodes by label', () => {
  assert.equal(narrate({ event: 'dead-letter', node: 'orders', message: 'm-7', target: 'dlq', receiveCount: 3 }, labelOf), 'm-7 failed its 3rd receive and moved to orders-dlq');
  assert.equal(narrate({ event: 'error', node: 'fn', message: 'm-1', error: 'Timeout' }, labelOf), 'Worker failed while handling m-1 (Timeout)');
  assert.equal(narrate({ event: 'receive', node: 'orders', message: 'm-1', receiveCount: 2 }, labelOf), 'Orders queue handed m-1 to a consumer (2nd try)');
  assert.equal(narrate({ event: 'put-record', node: 'stream', message: 'm-1', shard: 0 }, labelOf), 'stream stored m-1 in shard 0', 'an unlabelled node by its id');
  assert.equal(narrate({ event: 'drop', node: 'orders', message: 'm-2', reason: 'unroutable' }, labelOf), 'Orders queue dropped m-2 (unroutable)');
  assert.equal(narrate({ event: 'retry', node: 'orders', message: 'm-3', after: 1 }, labelOf), 'Orders queue tries m-3 again in 1 s');
  assert.equal(narrate({ event: 'dead-letter', node: 'orders', message: 'm-4', target: 'ActiveMQ.DLQ', receiveCount: 7 }, labelOf), 'm-4 failed its 7th receive and moved to ActiveMQ.DLQ', 'a destination with no node by its name');
  assert.equal(narrate({ event: 'new-kind', node: 'fn', message: 'm-1' }, labelOf), 'new-kind at Worker: m-1');
});

test('a fleet that scales and the consumer group it makes rebalance', () => {
  assert.equal(narrate({ event: 'scale', node: 'fn', pollers: 3, was: 1 }, labelOf), 'Worker went from 1 to 3 pollers');
  assert.equal(narrate({ event: 'rebalance', node: 'orders', members: 3 }, labelOf), 'Orders queue: a consumer group stops reading to share the partitions among 3 members');
  assert.equal(narrate({ event: 'rebalanced', node: 'orders', stoppedFor: 0.2 }, labelOf), 'Orders queue: the consumer group reads again, 0.2 s after it stopped');
  assert.equal(mostTelling([{ event: 'get-records' }, { event: 'rebalance' }, { event: 'deliver' }]).event, 'rebalance');
});

test('the most telling event of a batch wins; the latest of equals', () => {
  const deliver = { event: 'deliver', message: 'a' };
  const dlq = { event: 'dead-letter', message: 'b' };
  const error1 = { event: 'error', message: 'c' };
  const error2 = { event: 'error', message: 'd' };
  assert.equal(mostTelling([deliver, dlq, error1]), dlq);
  assert.equal(mostTelling([error1, deliver, error2]), error2);
  assert.equal(mostTelling([]), null);
});

test('a telling sentence is held 2.5 s against routine ones, not against its equals', () => {
  let now = 0;
  const narration = new Narration({ labelOf, now: () => now });
  assert.match(narration.offer([{ event: 'dead-letter', node: 'orders', message: 'm-7', target: 'dlq', receiveCount: 3 }]), /moved to orders-dlq/);
  now = 1000;
  assert.equal(narration.offer([{ event: 'deliver', node: 'orders', message: 'm-8' }]), null);
  assert.match(narration.offer([{ event: 'dead-letter', node: 'orders', message: 'm-9', target: 'dlq', receiveCount: 3 }]), /m-9/);
  now = 4000;
  assert.equal(narration.offer([{ event: 'deliver', node: 'orders', message: 'm-8' }]), 'm-8 arrived at Orders queue');
  assert.equal(narration.offer([]), null);
  narration.clear();
  assert.equal(narration.shown, null);
});
