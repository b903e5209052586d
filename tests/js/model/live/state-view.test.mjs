// The live States tab: every state of a definition in document order with nested branches
// and Map processors indented, counts from the server's frame, and which machine it shows.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { executionsLine, pickMachine, stateRows } from '../../../../static/designer/js/model/live/state-view.js';

const definition = {
  StartAt: 'Validate',
  States: {
    Validate: { Type: 'Task', Next: 'Fulfil' },
    Fulfil: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Charge', States: { Charge: { Type: 'Task', End: true } } },
        { StartAt: 'Each', States: { Each: { Type: 'Map', ItemProcessor: { StartAt: 'Reserve', States: { Reserve: { Type: 'Task', End: true } } }, End: true } } },
      ],
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};

test('states come in document order, nested ones indented, with their counts', () => {
  const rows = stateRows(definition, { Charge: 2, Reserve: 5 });
  assert.deepEqual(rows.map((r) => [r.name, r.depth, r.count]), [
    ['Validate', 0, 0], ['Fulfil', 0, 0], ['Charge', 1, 2], ['Each', 1, 0], ['Reserve', 2, 5], ['Done', 0, 0],
  ]);
  assert.equal(rows[0].start, true);
  assert.equal(rows.at(-1).end, true);
});

test('a definition that is not a state machine gives no rows', () => {
  assert.deepEqual(stateRows(null), []);
  assert.deepEqual(stateRows({ States: [] }), []);
  assert.deepEqual(stateRows({ States: { A: 'not a state' } }).map((r) => r.type), ['']);
});

test('the selected machine wins, then the one shown, then the first', () => {
  const nodes = [{ id: 'q', type: 'sqs.queue' }, { id: 'a', type: 'stepfunctions.statemachine' }, { id: 'b', type: 'stepfunctions.statemachine' }];
  assert.equal(pickMachine(nodes, 'b', 'a').id, 'b');
  assert.equal(pickMachine(nodes, 'q', 'b').id, 'b');
  assert.equal(pickMachine(nodes, null, 'gone').id, 'a');
  assert.equal(pickMachine([nodes[0]], 'q', null), null);
});

test('the executions line reads the machine metrics', () => {
  assert.equal(executionsLine({ OpenExecutionCount: 3, ExecutionsSucceeded: 10, ExecutionsFailed: 1 }),
    '3 running · 10 succeeded · 1 failed · 0 timed out');
});
