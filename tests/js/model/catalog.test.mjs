// The catalogue the server sends (`/api/catalog/`): palette entries and groups, which edge
// kinds may join two types, and a refusal that says what is allowed instead.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Catalog } from '../../../static/designer/js/model/catalog.js';

const raw = {
  groups: ['Messaging', 'Compute'],
  node_types: [
    { type: 'sqs.queue', label: 'SQS queue', group: 'Messaging', icon: '/q.svg', props: [{ name: 'VisibilityTimeout' }], sim: [{ name: 'rate' }] },
    { type: 'lambda.function', label: 'Lambda function', group: 'Compute', icon: '/f.svg', props: [] },
    { type: 'sns.topic', label: 'SNS topic', group: 'Messaging', icon: '/t.svg', props: [] },
  ],
  presets: [{ key: 'sqs.queue:dlq', type: 'sqs.queue', label: 'Dead-letter queue', role: 'dlq' }],
  edge_kinds: [
    { kind: 'event-source', pairs: [['sqs.queue', 'lambda.function']], props: [] },
    { kind: 'subscription', pairs: [['sns.topic', 'sqs.queue'], ['sns.topic', 'lambda.function']], props: [] },
  ],
};

test('palette entries come in the server’s order, each preset after its type', () => {
  const catalog = new Catalog(raw);
  assert.deepEqual(catalog.paletteEntries().map((e) => e.key), ['sqs.queue', 'sqs.queue:dlq', 'lambda.function', 'sns.topic']);
  assert.equal(catalog.paletteEntry('sqs.queue:dlq').group, 'Messaging');
  assert.deepEqual(catalog.paletteGroups().map(({ group, entries }) => [group, entries.length]), [['Messaging', 3], ['Compute', 1]]);
});

test('edge kinds follow the allowed [source, target] pairs', () => {
  const catalog = new Catalog(raw);
  assert.deepEqual(catalog.kindsFor('sns.topic', 'sqs.queue'), ['subscription']);
  assert.deepEqual(catalog.kindsFor('sqs.queue', 'sns.topic'), []);
  assert.ok(catalog.canBeSource('sns.topic') && !catalog.canBeTarget('sns.topic'));
});

test('a refused wire is explained with what may start and end there', () => {
  const { sentence, allowed } = new Catalog(raw).refusal('lambda.function', 'sns.topic');
  assert.equal(sentence, 'No edge joins lambda.function → sns.topic: Lambda function cannot be wired to SNS topic.');
  assert.equal(allowed, 'Nothing starts at lambda.function. Nothing ends at sns.topic.');
  const other = new Catalog(raw).refusal('sqs.queue', 'sqs.queue');
  assert.equal(other.allowed, 'From sqs.queue: event-source lambda.function. Into sqs.queue: subscription sns.topic.');
});

test('a type’s fields are its props then its sim fields', () => {
  const fields = new Catalog(raw).fieldsOf('node', 'sqs.queue');
  assert.deepEqual(fields.map(({ section, field }) => `${section}.${field.name}`), ['props.VisibilityTimeout', 'sim.rate']);
  assert.deepEqual(new Catalog(raw).fieldsOf('node', 'nope'), []);
});
