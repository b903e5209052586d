// What a run's refusals and endings mean, in plain words with the one thing to do next
// (a button naming it). The server's own sentences name the settings an operator would
// change (EVENTYARD_...); a student or a teacher is told what to press instead.

// Why a run ended -> the sentence shown in the status bar, and its button (an `action`
// on the bus: `reset` starts the same run again, `run` makes a new one).
const STOPS = {
  max_bytes: {
    text: 'The run was stopped: it held more messages than the server allows. Start again, or lower the producers’ rates.',
    action: { name: 'reset', label: 'Start again' },
  },
  max_events: {
    text: 'The run was stopped: it made more events than one run may. Shorten it, or lower the producers’ rates.',
    action: { name: 'reset', label: 'Start again' },
  },
  max_sim_seconds: {
    text: 'The run reached the longest simulated time a run may have.',
    action: { name: 'reset', label: 'Start again' },
  },
  idle: {
    text: 'The run was closed because nobody watched it for a while.',
    action: { name: 'run', label: 'Run again' },
  },
  owner_gone: {
    text: 'The run was closed because its page was left.',
    action: { name: 'run', label: 'Run again' },
  },
  unopened: {
    text: 'The run was dropped because it was never opened.',
    action: { name: 'run', label: 'Run again' },
  },
};

export function plainStop(status, reason) {
  if (!['finished', 'stopped'].includes(status)) return null;
  return STOPS[reason] || null;
}

// Refusals (a socket's error frame or a failed request) whose server sentence names a
// setting -> plain words, and a button when there is one thing to do.
const ERRORS = {
  too_many_runs: 'You already have as many live runs open as one person may: close your other runs to start this one.',
  rate_limited: 'That was too many in a short time: wait a few seconds, then try again.',
  memory_limit: 'The run holds as many messages as the server allows: nothing more can be injected.',
  too_large: 'That message is too large to inject.',
  max_bytes: STOPS.max_bytes.text,
};
const ERROR_ACTIONS = {
  memory_limit: { name: 'reset', label: 'Start again' },
};
const SETTING = /EVENTYARD_[A-Z_]+/;
const ALWAYS = new Set(['too_many_runs']); // the server's sentence speaks to API clients

export function plainError({ field = '', code = '', message = '', action = null }) {
  if (!SETTING.test(message) && !ALWAYS.has(code)) return { field, code, message, action };
  const plain = ERRORS[code] || message.replace(/\s*\(?EVENTYARD_[A-Z_]+(=[^\s)]*)?\)?/g, '');
  return { field: ERRORS[code] ? '' : field, code, message: plain, action, actionName: ERROR_ACTIONS[code] || null };
}
