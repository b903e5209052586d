// Field editors for the inspector, one per field kind of the catalogue (int, number, bool,
// string, enum, json, duration, strings, node), registered by kind in one map. Each editor
// checks its input inline (bounds, patterns, JSON syntax) and calls `commit(value)` with
// the new value (undefined: leave the field out, so AWS's default applies).

import { h } from './dom.js';

export const FIELD_EDITORS = new Map([
  ['int', numberEditor(true)],
  ['number', numberEditor(false)],
  ['bool', boolEditor],
  ['string', stringEditor],
  ['enum', enumEditor],
  ['json', jsonEditor],
  ['duration', jsonEditor],
  ['strings', stringsEditor],
  ['node', nodeEditor],
]);

// One field: label, help, the editor, an inline error line. `hook` is {'data-prop': name}.
export function fieldRow({ field, value, hook, commit, disabled, context }) {
  const error = h('p', { class: 'field-error', 'data-field-error': '', hidden: true, role: 'alert' });
  const say = (message) => {
    error.textContent = message || '';
    error.hidden = !message;
  };
  const make = FIELD_EDITORS.get(field.kind) || stringEditor;
  const input = make({ field, value, commit, say, context });
  for (const [key, val] of Object.entries(hook)) input.setAttribute(key, val);
  if (disabled) input.querySelectorAll?.('input, select, textarea').forEach((el) => (el.disabled = true));
  if (disabled && 'disabled' in input) input.disabled = true;
  input.id ||= `field-${Object.values(hook).join('-').replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const title = h('label', { class: 'field-name', for: input.id, text: field.name },
    field.required ? h('span', { class: 'required', title: 'required', text: ' *' }) : null);
  const help = field.help ? h('p', { class: 'field-help', text: helpText(field) }) : null;
  return h('div', { class: `field field-${field.kind}` }, title, input, help, error);
}

function helpText(field) {
  const parts = [field.help];
  const { minimum: min, maximum: max } = field;
  if (min !== undefined && max !== undefined) parts.push(`(${min}..${max})`);
  else if (min !== undefined) parts.push(`(at least ${min})`);
  else if (max !== undefined) parts.push(`(at most ${max})`);
  if (field.default !== null && field.default !== undefined && typeof field.default !== 'object') parts.push(`Default ${field.default}.`);
  return parts.filter(Boolean).join(' ');
}

function numberEditor(integer) {
  return ({ field, value, commit, say }) => {
    const input = h('input', {
      type: 'number', step: integer ? '1' : 'any', min: field.minimum, max: field.maximum,
      value: value ?? '', placeholder: field.default ?? '',
    });
    input.addEventListener('input', () => say(numberProblem(input.value, field, integer)));
    input.addEventListener('change', () => {
      const text = input.value.trim();
      if (text === '') return commit(undefined);
      const number = Number(text);
      if (Number.isFinite(number)) commit(number);
    });
    say(value === undefined ? '' : numberProblem(String(value), field, integer));
    return input;
  };
}

export function numberProblem(text, field, integer) {
  if (text.trim() === '') return '';
  const number = Number(text);
  if (!Number.isFinite(number)) return `${text} is not a number`;
  if (integer && !Number.isInteger(number)) return `${text} is not a whole number`;
  const { minimum: min, maximum: max } = field;
  if ((min !== undefined && number < min) || (max !== undefined && number > max)) {
    return `${text} is not in ${min ?? '…'}..${max ?? '…'}`;
  }
  return '';
}

function boolEditor({ field, value, commit }) {
  const fallback = field.default === true;
  const input = h('input', { type: 'checkbox', checked: value === undefined ? fallback : Boolean(value) });
  input.addEventListener('change', () => commit(input.checked === fallback ? undefined : input.checked));
  return input;
}

function stringEditor({ field, value, commit, say }) {
  const input = h('input', { type: 'text', value: value ?? '', placeholder: field.default ?? '', spellcheck: 'false' });
  const check = () => {
    const pattern = field.pattern ? new RegExp(`^(?:${field.pattern})$`) : null;
    say(pattern && input.value && !pattern.test(input.value) ? `“${input.value}” does not match ${field.pattern}` : '');
  };
  input.addEventListener('input', check);
  input.addEventListener('change', () => commit(input.value === '' ? undefined : input.value));
  if (value) check();
  return input;
}

function enumEditor({ field, value, commit }) {
  const select = h('select', {},
    h('option', { value: '', text: field.default ? `(default: ${field.default})` : '(not set)' }),
    (field.choices || []).map((choice) => h('option', { value: choice, text: choice })));
  select.value = value ?? '';
  select.addEventListener('change', () => commit(select.value === '' ? undefined : select.value));
  return select;
}

function jsonEditor({ field, value, commit, say }) {
  const compact = value === undefined ? '' : JSON.stringify(value);
  const text = compact.length > 48 ? JSON.stringify(value, null, 2) : compact;
  const area = h('textarea', {
    rows: String(Math.min(10, Math.max(2, text.split('\n').length))), spellcheck: 'false', class: 'json-input',
    placeholder: field.kind === 'duration' ? '{"dist": "fixed", "ms": 100}' : 'JSON',
    value: text,
  });
  const parse = () => {
    const text = area.value.trim();
    if (!text) return { ok: true, value: undefined };
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (error) {
      return { ok: false, message: `Not valid JSON: ${error.message}` };
    }
  };
  area.addEventListener('input', () => {
    const result = parse();
    say(result.ok ? '' : result.message);
    area.setAttribute('aria-invalid', result.ok ? 'false' : 'true');
  });
  area.addEventListener('change', () => {
    const result = parse();
    if (result.ok) commit(result.value);
  });
  return area;
}

function stringsEditor({ field, value, commit }) {
  const current = Array.isArray(value) ? value : [];
  if (field.choices?.length) {
    const box = h('div', { class: 'choices', tabindex: '-1' });
    for (const choice of field.choices) {
      const input = h('input', { type: 'checkbox', value: choice, checked: current.includes(choice) });
      input.addEventListener('change', () => {
        const picked = [...box.querySelectorAll('input:checked')].map((el) => el.value);
        commit(picked.length ? picked : undefined);
      });
      box.append(h('label', { class: 'choice' }, input, ` ${choice}`));
    }
    return box;
  }
  const area = h('textarea', { rows: '2', spellcheck: 'false', placeholder: 'one per line', value: current.join('\n') });
  area.addEventListener('change', () => {
    const lines = area.value.split('\n').map((line) => line.trim()).filter(Boolean);
    commit(lines.length ? lines : undefined);
  });
  return area;
}

function nodeEditor({ value, commit, context }) {
  const select = h('select', {}, h('option', { value: '', text: '(none)' }),
    (context.nodeIds || []).map((id) => h('option', { value: id, text: id })));
  select.value = value ?? '';
  select.addEventListener('change', () => commit(select.value || undefined));
  return select;
}
