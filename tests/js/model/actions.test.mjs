// The one action registry: buttons, menus, keys and the `?` overlay read the same entries;
// an action runs only while it is enabled; key combos match as the keyboard types them.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ActionRegistry, matchesKey } from '../../../static/designer/js/model/actions.js';
import { recordingBus } from '../support.mjs';

const key = (k, mods = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, ...mods });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const { bus, seen } = recordingBus('actions:change');
  const ran = [];
  const state = { canUndo: false, presenting: false };
  const actions = new ActionRegistry(bus, { refreshOn: ['history:change'] });
  actions.register(
    { name: 'undo', label: 'Undo', keys: ['Ctrl+Z'], run: () => ran.push('undo'), enabled: () => state.canUndo, title: () => (state.canUndo ? 'Undo move' : 'Nothing to undo') },
    { name: 'deselect', label: 'Clear the selection', keys: ['Escape'], run: () => ran.push('deselect') },
    { name: 'leave-presenter', label: 'Leave presenter mode', keys: ['Escape'], group: 'View', run: () => ran.push('leave'), enabled: () => state.presenting },
    { name: 'share', label: 'Share the run', run: () => ran.push('share') },
    { name: 'focus-node', label: 'Focus the next node', keys: ['Tab'], group: 'Nodes' },
    { name: 'step', label: 'Step', keys: ['.'], group: 'Live run', run: () => ran.push('step') },
  );
  return { bus, seen, ran, state, actions };
}

test('an action runs only while enabled, by name or by a bus `action`', () => {
  const { bus, ran, state, actions } = setup();
  assert.equal(actions.invoke('undo'), false);
  state.canUndo = true;
  assert.equal(actions.invoke('undo'), true);
  bus.emit('action', { name: 'share' });
  bus.emit('action', { name: 'nonexistent' });
  assert.equal(actions.invoke('focus-node'), false, 'an entry without run is only listed');
  assert.deepEqual(ran, ['undo', 'share']);
});

test('a key runs every enabled entry it names and says whether it named any', () => {
  const { ran, state, actions } = setup();
  assert.equal(actions.press(key('Escape')), true);
  assert.deepEqual(ran, ['deselect']);
  state.presenting = true;
  actions.press(key('Escape'));
  assert.deepEqual(ran, ['deselect', 'deselect', 'leave']);
  assert.equal(actions.press(key('z', { ctrlKey: true })), true, 'named, though disabled');
  assert.deepEqual(ran.length, 3);
  assert.equal(actions.press(key('Tab')), false, 'keys other code handles are left to it');
  assert.equal(actions.press(key('q')), false);
});

test('a name is registered once, and needs a label', () => {
  const { actions } = setup();
  assert.throws(() => actions.register({ name: 'undo', label: 'Undo again', run() {} }), /registered twice/);
  assert.throws(() => actions.register({ name: 'x' }), /name and a label/);
});

test('the overlay lists keyed entries by group, in the order groups first appear', () => {
  const { actions } = setup();
  assert.deepEqual(actions.shortcuts().map(({ group, rows }) => [group, rows.map((row) => row.keys[0])]), [
    ['Editing', ['Ctrl+Z', 'Escape']],
    ['View', ['Escape']],
    ['Nodes', ['Tab']],
    ['Live run', ['.']],
  ]);
});

test('a tooltip is the entry’s title now and its first key', () => {
  const { state, actions } = setup();
  assert.equal(actions.titleOf('undo'), 'Nothing to undo (Ctrl+Z)');
  state.canUndo = true;
  assert.equal(actions.titleOf('undo'), 'Undo move (Ctrl+Z)');
  assert.equal(actions.titleOf('share', 'A read-only link to watch this run live'), 'A read-only link to watch this run live');
  assert.equal(actions.titleOf('step', 'One event'), 'One event (.)');
  assert.equal(actions.titleOf('unknown', 'as it was'), 'as it was');
});

test('views learn what is enabled once per burst of changes', async () => {
  const { bus, seen, state } = setup();
  await settle();
  const before = seen.length;
  state.canUndo = true;
  bus.emit('history:change', {});
  bus.emit('history:change', {});
  assert.equal(seen.length, before, 'not before the burst ends');
  await settle();
  assert.equal(seen.length, before + 1);
  assert.deepEqual(seen.at(-1)[1].enabled, { undo: true, deselect: true, 'leave-presenter': false, share: true, 'focus-node': false, step: true });
});

test('key combos: Ctrl is Ctrl or Cmd, Shift counts for letters, punctuation by its character', () => {
  assert.ok(matchesKey('Ctrl+Z', key('z', { ctrlKey: true })));
  assert.ok(matchesKey('Ctrl+Z', key('Z', { metaKey: true })));
  assert.ok(!matchesKey('Ctrl+Z', key('z', { ctrlKey: true, shiftKey: true })), 'Ctrl+Shift+Z is redo');
  assert.ok(matchesKey('Ctrl+Shift+Z', key('Z', { ctrlKey: true, shiftKey: true })));
  assert.ok(!matchesKey('Ctrl+Z', key('z')));
  assert.ok(matchesKey('N', key('n')) && !matchesKey('N', key('N', { shiftKey: true })));
  assert.ok(matchesKey('Shift+N', key('N', { shiftKey: true })));
  assert.ok(matchesKey('?', key('?', { shiftKey: true })), 'Shift types the ?');
  assert.ok(matchesKey('+', key('+', { shiftKey: true })) && matchesKey('<', key('<', { shiftKey: true })));
  assert.ok(!matchesKey('[', key('[', { ctrlKey: true })), 'Ctrl+[ is not [');
  assert.ok(matchesKey('Escape', key('Escape')) && matchesKey('Delete', key('Delete')));
});
