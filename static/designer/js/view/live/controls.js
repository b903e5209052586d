// The run controls: the toolbar's `data-action` buttons (run, pause, resume, step,
// step-second, reset, share; skip, in the live panel) and the speed control
// (`data-control="speed"`), enabled by the run's status; the seek bar
// (`data-control="seek"`: any simulated time, the server rebuilds the run there); and the inject form: a JSON payload (and optional attributes) for the
// selected node, checked as it is typed. Button clicks reach here as `action` bus events
// (the editor's toolbar emits them for every `data-action` button).

import { h } from '../dom.js';

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 'max'];
const ACTIONS = ['run', 'pause', 'resume', 'step', 'step-second', 'reset', 'share', 'skip'];
const SEEK_JUMP = 10; // simulated seconds a [ or ] key moves the seek bar
const DEFAULT_PAYLOAD = '{\n  "orderId": 7,\n  "amount": 42\n}';

// Which controls apply in a status (null: no run yet).
function allowed(status, changed) {
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

export function attachControls(root, { bus, state, session, selection, model }) {
  const button = (name) => root.querySelector(`[data-action="${name}"]`);
  const speed = root.querySelector('[data-control="speed"]');
  if (speed && !speed.options.length) {
    speed.replaceChildren(...SPEEDS.map((value) => h('option', { value: String(value), text: value === 'max' ? 'max' : `${value}×` })));
  }
  if (speed) speed.value = '1';
  speed?.addEventListener('change', () => {
    const value = speed.value === 'max' ? 'max' : Number(speed.value);
    session.setSpeed(value);
  });

  const handlers = {
    run: () => session.run(),
    pause: () => session.send({ type: 'pause' }),
    resume: () => session.send({ type: 'resume' }),
    step: () => session.step('event'),
    'step-second': () => session.step('second'),
    reset: () => session.send({ type: 'reset' }),
    share: () => (state.shared ? bus.emit('live:shared', state.shared) : session.send({ type: 'share' })),
    skip: () => session.skip(),
    'seek-back': () => session.seek(Math.max(0, (state.time || 0) - SEEK_JUMP)),
    'seek-forward': () => session.seek((state.time || 0) + SEEK_JUMP),
  };
  const seek = seekBar(root, { bus, state, session });
  bus.on('action', ({ name }) => handlers[name]?.());

  const refresh = () => {
    const can = allowed(state.status, session.changed && Boolean(state.run));
    for (const name of ACTIONS) {
      const el = button(name);
      if (el) el.disabled = !can[name];
    }
    const running = state.status === 'running';
    if (button('pause')) button('pause').hidden = !running;
    if (button('resume')) button('resume').hidden = running;
    if (speed && state.run && state.speed !== undefined && document.activeElement !== speed) {
      const shown = String(state.speed);
      if ([...speed.options].some((option) => option.value === shown)) speed.value = shown;
    }
    root.dataset.liveRun = state.status || 'none';
    seek.refresh();
    inject.refresh(can.inject);
  };
  const inject = injectForm({ bus, session, selection, model });
  bus.on('live:state', refresh);
  bus.on('doc:change', refresh);
  refresh();
  return { injectEl: inject.el };
}

// The seek bar: follows the run's clock (unless held), and on release asks the server
// for that simulated time; the figure beside it says where the bar is.
function seekBar(root, { state, session }) {
  const input = root.querySelector('[data-control="seek"]');
  const shown = root.querySelector('[data-seek-shown]');
  if (!input) return { refresh() {} };
  let held = false;
  const say = (value) => shown && (shown.textContent = `${Number(value).toFixed(1)} s`);
  input.addEventListener('pointerdown', () => (held = true));
  input.addEventListener('input', () => say(input.value));
  input.addEventListener('change', () => {
    held = false;
    session.seek(Number(input.value));
  });
  return {
    refresh() {
      const end = state.run?.end || 0;
      input.max = String(end);
      input.disabled = !state.run || !state.isOwner();
      if (held || document.activeElement === input && input.matches(':active')) return;
      input.value = String(Math.min(state.time || 0, end));
      say(input.value);
    },
  };
}

// The inject form: the selected node, a JSON payload and optional attributes, each
// checked on every keystroke (the error names the line and column), and Send.
function injectForm({ bus, session, selection, model }) {
  const target = h('p', { class: 'live-inject-target', 'data-inject-target': '' });
  const payload = h('textarea', { class: 'json-input', rows: 6, spellcheck: 'false', 'data-inject-field': 'payload', 'aria-label': 'Payload (JSON)' });
  payload.value = DEFAULT_PAYLOAD;
  const attributes = h('textarea', {
    class: 'json-input', rows: 2, spellcheck: 'false', 'data-inject-field': 'attributes', 'aria-label': 'Message attributes (JSON object, optional)',
    placeholder: '{"type": "order"}',
  });
  const payloadNote = h('p', { class: 'field-error', 'data-inject-error': 'payload', role: 'alert' });
  const attributesNote = h('p', { class: 'field-error', 'data-inject-error': 'attributes', role: 'alert' });
  const serverNote = h('p', { class: 'field-error', 'data-inject-error': 'server', role: 'alert' });
  const send = h('button', { type: 'button', class: 'button primary small', 'data-inject-send': '', text: 'Inject message' });
  const el = h('div', { class: 'live-inject', 'data-inject': '' },
    target,
    h('label', { class: 'field' }, h('span', { class: 'field-name', text: 'Payload (JSON)' }), payload, payloadNote),
    h('label', { class: 'field' }, h('span', { class: 'field-name', text: 'Attributes (JSON object, optional)' }), attributes, attributesNote),
    h('div', { class: 'live-inject-actions' }, send, serverNote));

  let enabled = false;
  const selected = () => {
    const one = selection.single();
    return one?.kind === 'node' ? model.node(one.id) : null;
  };
  const check = () => {
    const body = parseJson(payload.value, { required: true });
    const attrs = parseJson(attributes.value, { required: false, object: true });
    show(payload, payloadNote, body.error);
    show(attributes, attributesNote, attrs.error);
    const node = selected();
    target.textContent = node ? `Into ${node.label || node.id} (${node.type})` : 'Select a node on the canvas to inject into.';
    target.dataset.injectTarget = node?.id || '';
    send.disabled = !enabled || !node || Boolean(body.error || attrs.error);
    if (!enabled) serverNote.textContent = 'Start a run (Run or Step) to inject messages.';
    else if (serverNote.dataset.fromServer !== 'true') serverNote.textContent = '';
    return { body, attrs, node };
  };
  payload.addEventListener('input', check);
  attributes.addEventListener('input', check);
  bus.on('selection:change', check);
  send.addEventListener('click', () => {
    const { body, attrs, node } = check();
    if (send.disabled) return;
    serverNote.dataset.fromServer = 'false';
    serverNote.textContent = '';
    session.inject(node.id, body.value, attrs.value);
  });
  bus.on('live:error', ({ field, message }) => {
    if (!['node', 'payload', 'attributes'].includes(field.split(/[.[]/)[0])) return;
    serverNote.dataset.fromServer = 'true';
    serverNote.textContent = `${field}: ${message}`;
  });
  bus.on('live:injected', ({ node, message }) => {
    serverNote.dataset.fromServer = 'true';
    serverNote.textContent = '';
    target.textContent = `Injected ${message} into ${model.node(node)?.label || node}.`;
  });
  return {
    el,
    refresh(on) {
      enabled = on;
      check();
    },
  };
}

function show(input, note, error) {
  note.textContent = error || '';
  if (error) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
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
