// New ids follow the contract's id pattern `^[A-Za-z][A-Za-z0-9_-]{0,63}$` and never clash.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { baseIdFor, newEdgeId, uniqueId } from '../../../static/designer/js/model/ids.js';

const ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

test('a node’s base id is its role, or the last part of its type made valid', () => {
  assert.equal(baseIdFor('sqs.queue', 'dlq'), 'dlq');
  assert.equal(baseIdFor('lambda.function'), 'function');
  assert.equal(baseIdFor('x.3d'), 'n3d');
  assert.equal(baseIdFor('x.a$b c'), 'abc');
  assert.ok(ID.test(baseIdFor(`x.${'a'.repeat(90)}`)));
});

test('uniqueId numbers from 2 and skips taken ids', () => {
  assert.equal(uniqueId('queue', new Set()), 'queue');
  assert.equal(uniqueId('queue', new Set(['queue', 'queue2'])), 'queue3');
});

test('edge ids are e<n>, never one in use', () => {
  assert.equal(newEdgeId(new Set()), 'e1');
  assert.equal(newEdgeId(new Set(['e1', 'e3'])), 'e4');
  assert.equal(newEdgeId(new Set(['e3', 'e4'])), 'e5');
  assert.equal(newEdgeId(new Set(['x', 'e3'])), 'e4');
});
