// The event log's store: filters over the trace events (contract section 4), a message's
// journey by its `origin` (fan-out copies included), and the events it never saw counted.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { EventStore, describe, detailsOf, journeyPlaces, journeySteps } from '../../../../static/designer/js/model/live/event-store.js';
import { recordingBus } from '../../support.mjs';

const ev = (t, event, node, message, extra = {}) => ({ t, event, node, message, origin: extra.origin || message, ...extra });

function setup() {
  const { bus, seen } = recordingBus('log:change');
  return { bus, seen, store: new EventStore(bus) };
}

test('tick events and a snapshot’s history are stored with running numbers', () => {
  const { bus, store, seen } = setup();
  bus.emit('live:history', { events: [ev(0, 'publish', 'topic', 'm-1')] });
  bus.emit('live:events', { events: [ev(1, 'deliver', 'q', 'm-1-a', { origin: 'm-1' })], frame: { omitted: { events: 3 } } });
  assert.deepEqual(store.events.map((e) => e.n), [0, 1]);
  assert.equal(store.unlisted, 3);
  assert.deepEqual([...store.kinds], ['publish', 'deliver']);
  assert.deepEqual(seen.at(-1)[1].added.map((e) => e.message), ['m-1-a']);
  bus.emit('live:cleared', { reason: 'reset' });
  assert.deepEqual([store.events.length, store.unlisted, store.next], [0, 0, 0]);
  assert.equal(seen.at(-1)[1].store, store);
});

test('a query filters by node, kind and text, newest first, and counts all matches', () => {
  const { store } = setup();
  store.add([
    ev(1, 'publish', 'topic', 'm-1', { target: 'orders' }),
    ev(2, 'deliver', 'orders', 'm-1'),
    ev(3, 'deliver', 'audit', 'm-1'),
    ev(4, 'dead-letter', 'orders', 'm-2', { target: 'orders-dlq', receiveCount: 3 }),
  ]);
  assert.deepEqual(store.query({ node: 'orders' }).rows.map((e) => e.t), [4, 2]);
  assert.deepEqual(store.query({ kind: 'deliver' }, 1), { rows: [store.events[2]], matched: 2 });
  assert.deepEqual(store.query({ text: '  TARGET ORDERS-DLQ ' }).rows.map((e) => e.t), [4]);
  assert.equal(store.query({ text: 'receiveCount 3' }).matched, 1);
});

test('the store keeps the newest 20000 events, trimming to 15000 and counting the drop', () => {
  const { store } = setup();
  const many = Array.from({ length: 20001 }, (_, i) => ev(i, 'deliver', 'q', `m-${i}`));
  store.add(many);
  assert.equal(store.events.length, 15000);
  assert.equal(store.dropped, 5001);
  assert.equal(store.events[0].message, 'm-5001');
  assert.equal(store.events.at(-1).n, 20000);
});

test('a journey is every event of one origin, with where it went', () => {
  const { store } = setup();
  store.add([
    ev(1, 'publish', 'topic', 'm-1', { edge: 'e1', target: 'orders' }),
    ev(1, 'deliver', 'orders', 'm-1-a', { origin: 'm-1', edge: 'e1' }),
    ev(2, 'deliver', 'other', 'm-2'),
    ev(3, 'filter-out', 'topic', 'm-1-b', { origin: 'm-1', edge: 'e2', reason: { policy: 'x' } }),
  ]);
  const journey = store.journey('m-1');
  assert.deepEqual(journey.map((e) => e.message), ['m-1', 'm-1-a', 'm-1-b']);
  assert.deepEqual(journeyPlaces(journey), { nodes: ['topic', 'orders'], edges: ['e1', 'e2'] });
  const steps = journeySteps(journey);
  assert.deepEqual(steps[0], { t: 1, node: 'topic', event: 'publish', message: 'm-1', edge: 'e1', target: 'orders', details: [] });
  assert.deepEqual(steps[2].details, [['reason', '{"policy":"x"}']]);
});

test('an event’s one line names its copy’s origin and its details', () => {
  const event = { t: 1, event: 'deliver', node: 'orders', message: 'm-1-a', origin: 'm-1', edge: 'e1', n: 4 };
  assert.equal(describe(event), 'deliver orders m-1-a origin m-1 edge e1');
  assert.deepEqual(detailsOf(event), [['edge', 'e1']]);
  assert.equal(describe({ t: 1, event: 'publish', node: 'p', message: 'm', origin: 'm' }), 'publish p m');
});
