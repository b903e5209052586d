// The bus: every part of a page talks through it; a handler gets the event's detail and
// can be unsubscribed.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { clone, sameJSON } from '../../../static/designer/js/model/clone.js';
import { Bus } from '../support.mjs';

test('handlers get the detail, in subscription order, until unsubscribed', () => {
  const bus = new Bus();
  const got = [];
  const off = bus.on('doc:change', (detail) => got.push(['a', detail.n]));
  bus.on('doc:change', (detail) => got.push(['b', detail.n]));
  bus.on('other', () => got.push(['other']));
  bus.emit('doc:change', { n: 1 });
  off();
  bus.emit('doc:change', { n: 2 });
  assert.deepEqual(got, [['a', 1], ['b', 1], ['b', 2]]);
});

test('an event without a detail carries an empty object', () => {
  const bus = new Bus();
  let detail = null;
  bus.on('ping', (d) => (detail = d));
  bus.emit('ping');
  assert.deepEqual(detail, {});
});

test('documents are copied and compared as JSON', () => {
  const value = { a: [1, { b: 2 }] };
  const copy = clone(value);
  copy.a[1].b = 3;
  assert.equal(value.a[1].b, 2);
  assert.equal(clone(undefined), undefined);
  assert.ok(sameJSON({ x: 1 }, { x: 1 }) && !sameJSON({ x: 1 }, { x: 2 }));
});
