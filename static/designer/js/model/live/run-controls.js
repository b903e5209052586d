// What the run controls may do (no DOM): the speeds on offer, which controls apply in a
// run's status, and the inject form's JSON read with the line and column of a mistake.

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 'max'];

// Which controls apply in a status (null: no run yet).
export function allowedControls(status, changed) {
  const active = ['ready', 'running', 'paused'].includes(status);
  return {
    run: !active || status === 'ready' || changed,
    pause: status === 'running',
    resume: status === 'paused',
    step: !active || status === 'ready' || status === 'paused',
    'step-second': !active || status === 'ready' || status === 'paused',
    reset: Boolean(status),
    share: Boolean(status),
    inject: active,
    skip: true, // with no usable run, a new one is made and skipped
  };
}

// JSON text to a value, or an error naming where it broke.
export function parseJson(text, { required, object = false }) {
  if (!text.trim()) return required ? { error: 'A payload is required (any JSON value).' } : { value: null };
  try {
    const value = JSON.parse(text);
    if (object && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      return { error: 'Attributes must be a JSON object of name to value.' };
    }
    return { value };
  } catch (error) {
    return { error: `Not valid JSON: ${where(text, error.message)}` };
  }
}

function where(text, message) {
  const match = /position (\d+)/.exec(message);
  if (!match) return message;
  const before = text.slice(0, Number(match[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}
