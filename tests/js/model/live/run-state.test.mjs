// What the browser knows of a live run (README "Live runs", contract section 4 for the
// trace events): frames from the socket become narrower bus events, metrics become series
// over simulated time for the chart, and per-node event counts include the events the
// server only counted.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MetricHistory, RunState } from '../../../../static/designer/js/model/live/run-state.js';
import { recordingBus } from '../../support.mjs';

const TYPES = ['live:state', 'live:metrics', 'live:events', 'live:cleared', 'live:history', 'live:error', 'live:shared', 'live:injected'];

function setup() {
  const { bus, seen } = recordingBus(...TYPES);
  const state = new RunState(bus);
  const frame = (f) => bus.emit('live:frame', { frame: f });
  const types = () => seen.map(([type]) => type);
  return { bus, seen, state, frame, types };
}

test('metrics at the same time replace the last point; older times are stale', () => {
  const history = new MetricHistory();
  history.record(1, { q: { NumberOfMessagesSent: 1 } });
  history.record(1, { q: { NumberOfMessagesSent: 2 } });
  history.record(0.5, { q: { NumberOfMessagesSent: 9 } });
  history.record(2, { q: { NumberOfMessagesSent: 3, State: 'ok', Bad: Number.NaN } });
  assert.deepEqual(history.columns('q', ['NumberOfMessagesSent']), [[1, 2], [2, 3]]);
  assert.deepEqual(history.names('q'), ['NumberOfMessagesSent'], 'text and NaN values are not series');
});

test('a metric that appears late is padded with nulls before it', () => {
  const history = new MetricHistory();
  history.record(1, { q: { A: 1 } });
  history.record(2, { q: { A: 2 } });
  history.record(3, { q: { A: 3, B: 7 } });
  history.record(4, { q: { A: 4 } });
  assert.deepEqual(history.columns('q', ['A', 'B']), [[1, 2, 3, 4], [1, 2, 3, 4], [null, null, 7, null]]);
  assert.deepEqual(history.columns('nobody', ['A']), [[], []]);
});

test('past 4000 points a series is thinned to every other one, keeping the last', () => {
  const history = new MetricHistory();
  for (let t = 0; t <= 4000; t += 1) history.record(t, { q: { A: t } });
  const [times, values] = history.columns('q', ['A']);
  assert.ok(times.length <= 2001, `${times.length} points`);
  assert.equal(times.at(-1), 4000);
  assert.deepEqual(values, times, 'values stay with their times');
});

test('a snapshot’s series replaces the history so a late joiner charts from t = 0', () => {
  const history = new MetricHistory();
  history.record(50, { q: { A: 9 } });
  history.restore({ t: [0, 1, 2], nodes: { q: { A: [0, 5, 6] }, fn: { Invocations: [0, 0, 1] } } });
  assert.deepEqual(history.columns('q', ['A']), [[0, 1, 2], [0, 5, 6]]);
  assert.deepEqual(history.columns('fn', ['Invocations'])[1], [0, 0, 1]);
});

test('a first snapshot restores the story so far, then its state', () => {
  const { state, frame, seen, types } = setup();
  frame({
    type: 'snapshot', seq: 3, run: { id: 'r1', end: 60 }, role: 'owner', status: 'paused', time: 2, speed: 1, total_events: 4,
    metrics: { q: { A: 1 } },
    history: { series: { t: [1, 2], nodes: { q: { A: [0, 1] } } }, counts: { q: { publish: 4 } }, events: [{ t: 1, event: 'publish', node: 'p', message: 'm-1', origin: 'm-1' }] },
  });
  assert.deepEqual(types(), ['live:cleared', 'live:history', 'live:metrics', 'live:state']);
  assert.equal(seen[0][1].reason, 'snapshot');
  assert.ok(state.isOwner() && state.isActive() && state.synced);
  assert.deepEqual(state.counts, { q: { publish: 4 } });
  assert.deepEqual(state.history.columns('q', ['A']), [[1, 2], [0, 1]]);
  frame({ type: 'snapshot', seq: 4, run: { id: 'r1' }, role: 'owner', status: 'running' });
  assert.equal(types().filter((t) => t === 'live:cleared').length, 1, 'a later snapshot of the same run keeps the story');
});

test('a tick counts listed and omitted events per node and passes the events on', () => {
  const { state, frame, seen } = setup();
  const events = [{ t: 1, event: 'publish', node: 'p', message: 'm-1' }, { t: 1, event: 'deliver', node: 'q', message: 'm-1' }];
  frame({ type: 'tick', seq: 1, time: 1, events, omitted: { events: 5, nodes: { q: { deliver: 5 } } }, metrics: { q: { A: 1 } } });
  frame({ type: 'tick', seq: 2, time: 2, events: [{ t: 2, event: 'deliver', node: 'q', message: 'm-2' }] });
  assert.deepEqual(state.counts, { p: { publish: 1 }, q: { deliver: 7 } });
  assert.equal(state.aggregated, 5);
  assert.equal(state.time, 2);
  const ticks = seen.filter(([type]) => type === 'live:events');
  assert.deepEqual(ticks[0][1].events, events);
});

test('a reset status clears history and counts; a seek restores the server’s story', () => {
  const { state, frame, seen } = setup();
  frame({ type: 'tick', seq: 1, time: 5, events: [{ t: 5, event: 'deliver', node: 'q', message: 'm' }], metrics: { q: { A: 3 } } });
  frame({ type: 'status', seq: 2, status: 'ready', reason: 'reset', time: 0, report: null });
  assert.deepEqual(state.counts, {});
  assert.deepEqual(state.history.names('q'), []);
  assert.equal(seen.filter(([t]) => t === 'live:cleared').at(-1)[1].reason, 'reset');
  frame({ type: 'status', seq: 3, status: 'paused', reason: 'seek', time: 30, history: { series: { t: [30], nodes: { q: { A: [8] } } }, counts: { q: { deliver: 8 } } } });
  assert.deepEqual(state.counts, { q: { deliver: 8 } });
  assert.equal(state.time, 30);
  assert.equal(state.reason, 'seek');
  frame({ type: 'status', seq: 4, status: 'finished', reason: 'end', report: { events: 8 } });
  assert.deepEqual(state.report, { events: 8 });
  assert.ok(!state.isActive());
});

test('shared, injected and error frames become their own bus events', () => {
  const { state, frame, seen } = setup();
  state.begin({ id: 'r1', status: 'ready' });
  frame({ type: 'shared', token: 'tok', ws: '/ws/runs/r1/', watch_url: '/runs/r1/?watch=tok' });
  frame({ type: 'injected', seq: 1, node: 'q', message: 'm-9', time: 3 });
  frame({ type: 'error', field: 'payload', code: 'invalid', message: 'bad' });
  frame({ type: 'mystery' });
  assert.equal(state.run.shared, true);
  assert.deepEqual(seen.find(([t]) => t === 'live:shared')[1], { token: 'tok', ws: '/ws/runs/r1/', watch_url: '/runs/r1/?watch=tok' });
  assert.deepEqual(seen.find(([t]) => t === 'live:injected')[1], { node: 'q', message: 'm-9', time: 3 });
  const errors = seen.filter(([t]) => t === 'live:error').map(([, d]) => d.code);
  assert.deepEqual(errors, ['invalid', 'unknown_frame']);
});

test('a new run forgets everything of the last one', () => {
  const { state, frame, seen } = setup();
  frame({ type: 'tick', seq: 1, time: 5, events: [{ t: 5, event: 'deliver', node: 'q', message: 'm' }], metrics: { q: { A: 1 } } });
  state.begin({ id: 'r2', status: 'ready' });
  assert.deepEqual([state.time, state.counts, state.metrics, state.run.id, state.status], [0, {}, {}, 'r2', 'ready']);
  assert.equal(seen.filter(([t]) => t === 'live:cleared').at(-1)[1].reason, 'new-run');
  assert.ok(!state.isOwner(), 'the role comes with the first snapshot');
});

test('a class poll: its tally as it comes, and in a late joiner’s snapshot', () => {
  const { bus, state, frame } = setup();
  const polls = [];
  bus.on('live:poll', (poll) => polls.push(poll));
  frame({ type: 'poll', seq: 1, choices: 3, tally: [0, 1, 0], answered: 1, open: true });
  assert.deepEqual(state.poll, { choices: 3, tally: [0, 1, 0], answered: 1, open: true });
  const late = new RunState(bus);
  bus.emit('live:frame', { frame: { type: 'snapshot', seq: 2, run: { id: 'r' }, role: 'watcher', status: 'ready', time: 0, poll: { choices: 3, tally: [2, 1, 0], answered: 3, open: false } } });
  assert.equal(late.poll.answered, 3);
  assert.equal(late.poll.open, false);
  assert.equal(polls.length, 3, 'both states heard the snapshot too');
});
