// A lesson's page (`/lessons/<slug>/`, or a learner's copy opened with `?lesson=<slug>`):
// the lesson panel beside the editor, its actions (answer, play a step, a hint, check) and
// what connects it to the live run: a step plays the run (run, or resume) and pauses it
// when its time is reached. Progress is kept in this browser.

import { api } from '../net/api.js';
import { LessonFlow } from '../model/lesson-flow.js';
import { LessonProgress } from '../model/lesson-progress.js';
import { toast } from '../view/dialogs.js';
import { LessonPanel } from '../view/lesson-panel.js';

const ENDED = ['finished', 'stopped', 'failed'];
const SEEK_WAIT_MS = 5000;

export async function attachLesson({ root, bus, actions, model, readOnly, session }) {
  const slug = root.dataset.lessonPage;
  const el = root.querySelector('[data-lesson-panel]');
  if (!slug || !el) return null;
  let lesson;
  try {
    lesson = await api.getLesson(slug);
  } catch (error) {
    el.textContent = `This lesson could not be loaded: ${error.message}`;
    return null;
  }
  const flow = new LessonFlow(lesson);
  const progress = new LessonProgress(globalThis.localStorage);
  // An answer given before (on the lesson's page, before duplicating it) still stands.
  const before = progress.of(slug).answer;
  if (Number.isInteger(before) && flow.choose(before)) flow.submit();
  // The question comes first: until it is answered the run's controls are hidden.
  const refresh = () => {
    root.dataset.lessonPhase = flow.phase;
    panel.render();
    actions.changed();
  };
  const panel = new LessonPanel(el, {
    flow,
    editable: !readOnly,
    onChoose: (index) => flow.choose(index) && refresh(),
  });
  let live = null; // the run's state, as its frames last said
  // A seek sent to put the run back at a step's time, its answer not yet in: the next
  // step waits for it (the run's state until then is the one the seek replaces).
  let seeking = false;
  let waiting = false; // a step asked to play while the seek was on its way
  root.dataset.lessonPhase = flow.phase;

  const play = () => {
    if (!flow.play()) return;
    refresh();
    if (seeking) waiting = true;
    else go();
  };
  const go = () => {
    const status = live?.status;
    // Already there (a run that ended at or past the step's time): nothing to run.
    if (live && live.time >= flow.current.until && status !== 'running') {
      reach(live);
      return;
    }
    if (status === 'paused') actions.invoke('resume');
    else if (status !== 'running') actions.invoke('run');
    if (live && live.time >= flow.current.until) reach(live);
  };
  const reach = (state) => {
    const until = flow.current.until;
    if (!flow.reached(state.time)) return;
    if (state.status === 'running') actions.invoke('pause');
    // A fast run (or one at speed "max") goes past the step's time before the pause
    // lands: the run is rebuilt at exactly that time (runs are deterministic).
    if (state.time > until + 1e-6 && flow.phase !== 'explained' && session) {
      seeking = true;
      session.seek(until);
      // A seek that is refused (or lost with the socket) must not hold the next step.
      setTimeout(() => seeking && settled(), SEEK_WAIT_MS);
    }
    if (flow.phase === 'explained') progress.record(slug, { done: true });
    refresh();
  };
  const settled = () => {
    seeking = false;
    if (!waiting) return;
    waiting = false;
    if (flow.playing) go();
  };
  bus.on('live:state', ({ state }) => {
    live = state;
    if (!flow.playing || waiting) return;
    reach(state);
    if (flow.playing && ENDED.includes(state.status)) {
      flow.interrupted();
      refresh();
    }
  });
  bus.on('live:cleared', ({ reason }) => {
    if (seeking && reason === 'seek') queueMicrotask(settled); // once the seek's own state is taken
    else if (seeking && ['new-run', 'closed', 'reset'].includes(reason)) settled();
    if (['reset', 'closed'].includes(reason) && flow.playing) {
      waiting = false;
      flow.interrupted();
      refresh();
    }
  });

  // The classroom: a run made (not started), shared, and the question put to the class.
  const askClass = async () => {
    if (!session) return;
    const ready = session.usable(['ready', 'paused']) || (await session.fresh());
    if (!ready) return;
    session.send({ type: 'share' });
    session.send({ type: 'poll', choices: lesson.question.choices.length });
  };
  bus.on('live:shared', (shared) => {
    panel.classroom = { ...panel.classroom, link: new URL(shared.watch_url, window.location.href).toString() };
    refresh();
  });
  bus.on('live:poll', (poll) => {
    panel.classroom = { ...panel.classroom, poll };
    refresh();
  });

  const check = async () => {
    panel.say('Checking your design against the lesson’s goals…');
    try {
      const result = await api.checkLesson(slug, model.toJSON());
      if (flow.checked(result)) progress.record(slug, { passed: true });
      panel.say('');
    } catch (error) {
      panel.say(`Could not check: ${error.message}`);
    }
    actions.changed();
  };

  actions.register(
    { name: 'lesson-answer', label: 'Answer the lesson’s question', run: () => {
      if (!flow.submit()) return;
      progress.record(slug, { answer: flow.answer, correct: flow.correct });
      refresh();
    }, enabled: () => flow.phase === 'question' && flow.choice !== null },
    { name: 'lesson-play', label: 'Play the run to the step’s time', run: play, enabled: () => flow.canPlay() },
    { name: 'lesson-class', label: 'Ask the class: a link for the students and their answers', run: askClass,
      enabled: () => Boolean(session) && readOnly },
    { name: 'lesson-hint', label: 'Show a hint', run: () => {
      if (flow.nextHint() !== null) refresh();
    }, enabled: () => Boolean(lesson.challenge) },
    { name: 'check', label: 'Check the design against the lesson’s goals', run: check,
      enabled: () => Boolean(lesson.challenge) && !readOnly,
      title: () => (readOnly ? 'Duplicate the diagram to fix it, then check your copy' : null) },
  );
  if (progress.state(slug) === 'passed') toast('You passed this challenge before in this browser.', { kind: 'info', ms: 4000 });
  return { flow, panel };
}
