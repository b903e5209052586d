// SNS delivery-status logs in the browser: each `delivery-log` trace event becomes one
// CloudWatch Logs entry in its topic's log group, newest first, bounded in number.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DeliveryLogs, MAX_ENTRIES, logEntry, notificationTime } from '../../../static/designer/js/model/delivery-logs.js';
import { recordingBus } from '../support.mjs';

function traceEvent(n, group = 'sns/us-east-1/123456789012/orders', status = 'SUCCESS') {
  return {
    event: 'delivery-log', t: n * 0.5, node: 'orders', target: 'q', protocol: 'sqs',
    logGroup: group, status, messageId: `m-${n}`, messageMD5Sum: 'abc',
    topicArn: 'arn:aws:sns:us-east-1:123456789012:orders', publishedAt: '2026-01-01T00:00:05.250Z',
    deliveryId: `d-${n}`, destination: 'arn:aws:sqs:us-east-1:123456789012:q',
    providerResponse: '{}', dwellTimeMs: 12, attempts: 1, statusCode: 200,
  };
}

test('an entry carries the time on the simulated clock and the JSON SNS writes', () => {
  const entry = logEntry(traceEvent(3));
  assert.equal(entry.time, '2026-01-01T00:00:01.500Z');
  assert.equal(entry.message.notification.timestamp, '2026-01-01 00:00:05.250');
  assert.equal(entry.message.delivery.attempts, 1);
  assert.equal(entry.message.status, 'SUCCESS');
  assert.equal(notificationTime(undefined), '');
});

test('only delivery-log events are kept, counted per group, queried newest first', () => {
  const { bus, seen } = recordingBus('deliverylogs:change');
  const logs = new DeliveryLogs(bus);
  bus.emit('live:events', { events: [{ event: 'send', t: 0 }] });
  assert.equal(seen.length, 0, 'no change announced for events that are not logs');
  const failures = 'sns/us-east-1/123456789012/orders/Failure';
  bus.emit('live:events', { events: [traceEvent(1), traceEvent(2, failures, 'FAILURE'), traceEvent(3)] });
  assert.equal(seen.length, 1);
  assert.deepEqual(logs.query().map((e) => e.message.notification.messageId), ['m-3', 'm-2', 'm-1']);
  assert.deepEqual(logs.query(failures).map((e) => e.status), ['FAILURE']);
  assert.equal(logs.counts.get('sns/us-east-1/123456789012/orders'), 2);
  assert.deepEqual(logs.query('', 1).map((e) => e.message.notification.messageId), ['m-3']);
  bus.emit('live:cleared', {});
  assert.equal(logs.query().length, 0);
  assert.equal(logs.counts.size, 0);
});

test('the newest MAX_ENTRIES are kept while counts go on', () => {
  const { bus } = recordingBus();
  const logs = new DeliveryLogs(bus);
  const events = [];
  for (let n = 0; n < MAX_ENTRIES + 5; n += 1) events.push(traceEvent(n));
  bus.emit('live:history', { events });
  assert.equal(logs.entries.length, MAX_ENTRIES);
  assert.equal(logs.entries[0].message.notification.messageId, 'm-5');
  assert.equal(logs.counts.get('sns/us-east-1/123456789012/orders'), MAX_ENTRIES + 5);
});
