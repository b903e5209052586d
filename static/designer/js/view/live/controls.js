// The run controls' views: the speed control (`data-control="speed"`, and its steps for
// the < and > keys), Pause or Resume shown by the run's status, the seek bar
// (`data-control="seek"`: any simulated time, the server rebuilds the run there), and the
// inject form: a JSON payload (and optional attributes) for the selected node, checked as
// it is typed. The run buttons themselves are the action registry's (app/live-actions.js):
// the toolbar enables them and sends their clicks.

import { SPEEDS, allowedControls, parseJson } from '../../model/live/run-controls.js';
import { h } from '../dom.js';

const DEFAULT_PAYLOAD = '{\n  "orderId": 7,\n  "amount": 42\n}';

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

  const seek = seekBar(root, { bus, state, session });

  const refresh = () => {
    const can = allowedControls(state.status, session.changed && Boolean(state.run));
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
  return {
    injectEl: inject.el,
    // One step along the speed list (the < and > keys), as choosing it in the list would.
    stepSpeed(step) {
      if (!speed || speed.disabled) return;
      const next = Math.min(speed.options.length - 1, Math.max(0, speed.selectedIndex + step));
      if (next === speed.selectedIndex) return;
      speed.selectedIndex = next;
      speed.dispatchEvent(new Event('change', { bubbles: true }));
    },
    canChangeSpeed: () => Boolean(speed && !speed.disabled),
  };
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
