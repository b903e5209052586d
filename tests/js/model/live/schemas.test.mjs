// The live Schemas tab: schemas listed from the frames' summary, then from the report with
// their versions; a line diff between two versions' documents.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { lineDiff, schemaList, versionDiff } from '../../../../static/designer/js/model/live/schemas.js';

const doc = (version, props) => ({ openapi: '3.0.0', info: { version }, components: { schemas: { X: { properties: props } } } });
const report = {
  schemas: {
    reg: {
      'shop@Order': {
        source: 'shop',
        detailType: 'Order',
        versions: [
          { version: '1', time: 0, changes: ['discovered'], openapi: doc('1', { id: { type: 'string' } }) },
          { version: '2', time: 40, changes: ['added detail.coupon (string)'], openapi: doc('2', { id: { type: 'string' }, coupon: { type: 'string' } }) },
        ],
        bindings: { python: 'class X: ...', typescript: 'interface X {}' },
      },
    },
  },
};

test('while running the summary lists each schema with its versions', () => {
  assert.deepEqual(schemaList({ reg: { 'shop@Order': 2, 'b@Y': 1 } }), [
    { registry: 'reg', name: 'shop@Order', versions: 2, detail: null },
    { registry: 'reg', name: 'b@Y', versions: 1, detail: null },
  ]);
  assert.deepEqual(schemaList(undefined, null), []);
});

test('once the run ends the report gives each schema its versions and bindings', () => {
  const [row] = schemaList({ reg: { 'shop@Order': 1 } }, report);
  assert.equal(row.versions, 2);
  assert.equal(row.detail.bindings.python, 'class X: ...');
});

test('a line diff keeps common lines and marks what was removed and added', () => {
  assert.deepEqual(lineDiff(['a', 'b', 'c'], ['a', 'x', 'c', 'd']), [
    { op: ' ', text: 'a' }, { op: '-', text: 'b' }, { op: '+', text: 'x' }, { op: ' ', text: 'c' }, { op: '+', text: 'd' },
  ]);
  assert.deepEqual(lineDiff([], []), []);
});

test('two versions differ by the added property, not by their version numbers', () => {
  const detail = report.schemas.reg['shop@Order'];
  const changed = versionDiff(detail, 0, 1).filter((line) => line.op !== ' ');
  assert.ok(changed.length > 0);
  assert.ok(changed.every((line) => line.op === '+' && /coupon|"type": "string"|}/.test(line.text)), JSON.stringify(changed));
});
