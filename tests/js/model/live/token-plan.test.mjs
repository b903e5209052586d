// Tokens on the wires (README "Live runs"): which trace events make a token and of which
// outcome, one token per message and edge (the worst outcome wins), spread over the
// frame's wall time, sampled past a cap with the "1 in N" figure.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { OUTCOMES, TokenPlan } from '../../../../static/designer/js/model/live/token-plan.js';

const everywhere = { hasEdge: () => true };
const frame = (events, extra = {}) => ({ from: 0, to: 1, events, ...extra });
const ev = (t, event, message, edge, extra = {}) => ({ t, event, node: 'n', message, origin: message, edge, ...extra });

test('each travelling event is a token of its outcome; others make none', () => {
  const plan = new TokenPlan();
  plan.plan(frame([
    ev(0, 'publish', 'm1', 'e1'),
    ev(0, 'filter-out', 'm2', 'e2'),
    ev(0, 'dead-letter', 'm3', 'e3'),
    ev(0, 'throttle', 'm4', 'e4'),
    ev(0, 'receive', 'm5', 'e5'),
    ev(0, 'deliver', 'm6', undefined),
  ]), { now: 0, spanMs: 0, ...everywhere });
  assert.deepEqual(plan.due(0).map((t) => [t.edge, t.outcome]), [['e1', 'delivered'], ['e2', 'filtered'], ['e3', 'dead-lettered'], ['e4', 'throttled']]);
  assert.ok(OUTCOMES.includes('dropped') && OUTCOMES.length === 6);
});

test('a later event of the same message and edge recolours its token, worst first', () => {
  const plan = new TokenPlan();
  plan.plan(frame([ev(0, 'publish', 'm1', 'e1'), ev(0, 'filter-out', 'm1', 'e1'), ev(0, 'deliver', 'm1', 'e1')]), { now: 0, spanMs: 0, ...everywhere });
  const tokens = plan.due(0);
  assert.equal(tokens.length, 1);
  assert.equal(tokens[0].outcome, 'filtered');
});

test('tokens start spread over the frame by their simulated time', () => {
  const plan = new TokenPlan();
  plan.plan({ from: 10, to: 12, events: [ev(12, 'deliver', 'b', 'e1'), ev(10, 'deliver', 'a', 'e1'), ev(11, 'deliver', 'c', 'e1')] }, { now: 1000, spanMs: 200, ...everywhere });
  assert.deepEqual(plan.pending.map((t) => [t.key, t.start]), [['a|e1', 1000], ['c|e1', 1100], ['b|e1', 1200]]);
  assert.deepEqual(plan.due(1100).map((t) => t.key), ['a|e1', 'c|e1']);
  assert.equal(plan.live.length, 2);
  assert.equal(plan.count(), 3);
});

test('edges the canvas does not draw get no token', () => {
  const plan = new TokenPlan();
  plan.plan(frame([ev(0, 'deliver', 'a', 'e1'), ev(0, 'deliver', 'b', 'e2')]), { now: 0, spanMs: 0, hasEdge: (id) => id === 'e2' });
  assert.deepEqual(plan.due(0).map((t) => t.edge), ['e2']);
});

test('an error at a node fails the message’s last edge, backwards once that token has moved', () => {
  const plan = new TokenPlan();
  plan.plan(frame([ev(0, 'invoke', 'm1', 'e1')]), { now: 0, spanMs: 0, ...everywhere });
  const [token] = plan.due(0);
  token.el = {}; // the view drew it
  plan.plan(frame([{ t: 1, event: 'error', node: 'fn', message: 'm1', origin: 'm1' }]), { now: 10, spanMs: 0, ...everywhere });
  const [back] = plan.due(10);
  assert.deepEqual([back.edge, back.outcome, back.reverse, back.key], ['e1', 'failed', true, 'm1|e1|back']);
  plan.plan(frame([{ t: 1, event: 'error', node: 'fn', message: 'unknown', origin: 'unknown' }]), { now: 20, spanMs: 0, ...everywhere });
  assert.equal(plan.due(20).length, 0, 'an error of a message never seen on a wire');
});

test('past the cap tokens are sampled evenly and the figure says 1 in N', () => {
  const plan = new TokenPlan({ cap: 10 });
  const events = Array.from({ length: 40 }, (_, i) => ev(0, 'deliver', `m${i}`, 'e1'));
  plan.plan(frame(events), { now: 0, spanMs: 0, ...everywhere });
  assert.equal(plan.count(), 10);
  assert.equal(plan.sampling(0), 4);
  plan.plan(frame([], { omitted: { edges: { e1: 60 } } }), { now: 0, spanMs: 0, ...everywhere });
  assert.equal(plan.sampling(0), 10, 'events the server only counted are wanted too');
});

test('the sampling figure decays back to 1 when the flood stops', () => {
  const plan = new TokenPlan({ cap: 1 });
  plan.plan(frame([ev(0, 'deliver', 'a', 'e1'), ev(0, 'deliver', 'b', 'e1')]), { now: 0, spanMs: 0, ...everywhere });
  assert.equal(plan.sampling(0), 2);
  assert.equal(plan.sampling(60000), 1);
});

test('a finished token is forgotten, so the same message may travel the edge again', () => {
  const plan = new TokenPlan();
  plan.plan(frame([ev(0, 'deliver', 'm1', 'e1')]), { now: 0, spanMs: 0, ...everywhere });
  const [token] = plan.due(0);
  plan.finish(token);
  plan.live = [];
  plan.plan(frame([ev(1, 'deliver', 'm1', 'e1')]), { now: 5, spanMs: 0, ...everywhere });
  assert.equal(plan.due(5).length, 1);
  const live = plan.clear();
  assert.equal(live.length, 1, 'clear hands the live tokens back to the view');
  assert.equal(plan.count(), 0);
});
