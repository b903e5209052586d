// The one action registry (style.md, "Browser code"): everything the user can do by a
// button, a menu item or a key is one entry {name, label, keys, group, run, enabled, title}.
// The toolbar and its menu find their buttons by `data-action="<name>"` and show each
// entry's state and shortcut; the keyboard asks which entries a key names; the `?` overlay
// lists the keys; the live panel's buttons and the presenter's keys go through it too. No
// DOM: app/ fills it, view/ draws it, and a view asks for an action with a bus `action`.
//
// Invariants: a name is registered once; an entry runs only while it is enabled, whether a
// key, a click or a bus `action` asked; entries without `run` are listed in the overlay but
// never dispatched (keys other code handles, such as Tab on the canvas); every enabled
// entry a key names runs, in registration order (Escape leaves presenter mode and clears
// the selection).

const DEFAULTS = { keys: [], group: 'Editing', run: null, enabled: () => true, title: null };

export class ActionRegistry {
  // `refreshOn`: bus events after which actions may have become enabled or disabled.
  constructor(bus, { refreshOn = [] } = {}) {
    this.bus = bus;
    this.entries = new Map();
    this.pending = false;
    bus.on('action', ({ name }) => this.invoke(name));
    for (const type of refreshOn) bus.on(type, () => this.changed());
  }

  register(...entries) {
    for (const entry of entries) {
      if (!entry.name || !entry.label) throw new Error('an action needs a name and a label');
      if (this.entries.has(entry.name)) throw new Error(`the action "${entry.name}" is registered twice`);
      this.entries.set(entry.name, { ...DEFAULTS, ...entry });
    }
    this.changed();
  }

  get(name) {
    return this.entries.get(name) ?? null;
  }

  isEnabled(name) {
    const entry = this.entries.get(name);
    return Boolean(entry?.run && entry.enabled());
  }

  // Runs the action if it can act now; whether it ran.
  invoke(name) {
    if (!this.isEnabled(name)) return false;
    this.entries.get(name).run();
    return true;
  }

  // A key press ({key, ctrlKey, metaKey, shiftKey}): runs every enabled entry it names;
  // whether any entry names it (the page then keeps the key from the browser).
  press(evt) {
    const named = [...this.entries.values()].filter((entry) => entry.run && entry.keys.some((combo) => matchesKey(combo, evt)));
    for (const entry of named) if (entry.enabled()) entry.run();
    return named.length > 0;
  }

  // The `?` overlay's table: groups in the order they were first used, keyed entries only.
  shortcuts() {
    const groups = new Map();
    for (const { name, label, keys, group } of this.entries.values()) {
      if (!keys.length) continue;
      if (!groups.has(group)) groups.set(group, []);
      groups.get(group).push({ name, label, keys });
    }
    return [...groups].map(([group, rows]) => ({ group, rows }));
  }

  // A button's tooltip: the entry's title now (or `fallback`), and its first key.
  titleOf(name, fallback = '') {
    const entry = this.entries.get(name);
    if (!entry) return fallback;
    const text = entry.title?.() || fallback || entry.label;
    return entry.keys.length ? `${text} (${entry.keys[0]})` : text;
  }

  // Tells the views which actions can act now (`actions:change` {enabled}), once per
  // burst of changes (after the listeners of the event that caused it have run).
  changed() {
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      const enabled = {};
      for (const name of this.entries.keys()) enabled[name] = this.isEnabled(name);
      this.bus.emit('actions:change', { enabled });
    });
  }
}

// Whether a key press matches a combo: 'Ctrl+Z' (Ctrl or Cmd), 'Shift+R', 'Escape', '?'.
// A punctuation key matches by the character typed, whatever Shift took to type it.
export function matchesKey(combo, evt) {
  const parts = combo.split('+');
  const key = combo.endsWith('++') || combo === '+' ? '+' : parts.pop();
  const wantsMod = parts.includes('Ctrl');
  const wantsShift = parts.includes('Shift');
  const mod = Boolean(evt.ctrlKey || evt.metaKey);
  if (wantsMod !== mod) return false;
  if (key.length === 1 && !/[a-z0-9]/i.test(key)) return evt.key === key;
  if (wantsShift !== Boolean(evt.shiftKey)) return false;
  return evt.key.toLowerCase() === key.toLowerCase();
}
