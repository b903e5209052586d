// The live run's entries in the one action registry (model/actions.js): the toolbar's run
// controls, the player's skip and seek, the speed keys and sharing. Which apply is
// model/live/run-controls.js's `allowedControls` for the run's status; the toolbar shows
// that on its buttons, and a key or a panel's button (Start again, Run again) is refused
// the same way.

import { allowedControls } from '../model/live/run-controls.js';

const SEEK_JUMP = 10; // simulated seconds a [ or ] key moves the seek bar
const GROUP = 'Live run';

// `controls` is view/live/controls.js's: the speed control's own steps.
export function registerLiveActions(actions, { bus, state, session, controls }) {
  const can = () => allowedControls(state.status, session.changed && Boolean(state.run));
  const when = (name) => () => can()[name];
  const entry = (name, label, keys, run, enabled = () => true) => ({ name, label, keys, group: GROUP, run, enabled });
  actions.register(
    entry('run', 'Run the diagram live', ['R'], () => session.run(), when('run')),
    entry('pause', 'Pause the run', [], () => session.send({ type: 'pause' }), when('pause')),
    entry('resume', 'Resume the run', [], () => session.send({ type: 'resume' }), when('resume')),
    entry('pause-resume', 'Pause or resume the run', ['K'], () => actions.invoke(state.status === 'running' ? 'pause' : 'resume'),
      () => can().pause || can().resume),
    entry('step', 'Step: one engine event (a paused run)', ['.'], () => session.step('event'), when('step')),
    entry('step-second', 'Step one simulated second', ['Shift+N'], () => session.step('second'), when('step-second')),
    entry('skip', 'Skip to the next event', ['N'], () => session.skip(), when('skip')),
    entry('seek-forward', 'Seek 10 simulated seconds on', [']'], () => session.seek((state.time || 0) + SEEK_JUMP)),
    entry('seek-back', 'Seek 10 simulated seconds back', ['['], () => session.seek(Math.max(0, (state.time || 0) - SEEK_JUMP))),
    entry('reset', 'Reset the run (same seed)', ['Shift+R'], () => session.send({ type: 'reset' }), when('reset')),
    entry('slower', 'Slower', ['<'], () => controls.stepSpeed(-1), () => controls.canChangeSpeed()),
    entry('faster', 'Faster', ['>'], () => controls.stepSpeed(1), () => controls.canChangeSpeed()),
    entry('share', 'Share the run: a read-only link to watch it live', [],
      () => (state.shared ? bus.emit('live:shared', state.shared) : session.send({ type: 'share' })), when('share')),
  );
}
