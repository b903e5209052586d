// The Schemas tab of the live panel: each discovered schema (`data-schema="<name>"`, with
// `data-schema-versions`) while the run goes; once it ends (the report has them), a
// schema's versions with what changed (`data-schema-version`), the diff between two
// versions (`data-schema-diff`, lines marked `data-op` + or -), and its code bindings
// (`data-schema-binding="python"` / `"typescript"`). Its tab shows only when the diagram
// has a schema registry.

import { clear, h } from '../dom.js';
import { REGISTRY_TYPE, schemaList, versionDiff } from '../../model/live/schemas.js';

export class SchemasView {
  constructor(el, { bus, state, model, tab }) {
    Object.assign(this, { el, state, model, tab });
    this.chosen = null; // the schema whose details are open
    this.pair = null; // [from, to] version indexes compared
    this.binding = 'python';
    this.shown = '';
    bus.on('live:state', () => this.show());
    bus.on('live:cleared', () => this.show(true));
    bus.on('doc:load', () => this.show(true));
    bus.on('doc:change', () => this.show(true));
    this.show(true);
  }

  show(force = false) {
    const has = this.model.nodeList().some((node) => node.type === REGISTRY_TYPE);
    if (this.tab) this.tab.hidden = !has;
    const rows = schemaList(this.state.schemas, this.state.report);
    const key = JSON.stringify([rows.map((r) => [r.name, r.versions, Boolean(r.detail)]), this.chosen, this.pair, this.binding]);
    if (!force && key === this.shown) return; // frames arrive many times a second
    this.shown = key;
    if (!has) {
      clear(this.el).append(h('p', { class: 'hint', text: 'The diagram has no schema registry.' }));
      return;
    }
    if (!rows.length) {
      clear(this.el).append(h('p', { class: 'hint', text: 'No schema yet: run the diagram; a registry discovers the events on the buses wired to it.' }));
      return;
    }
    const open = rows.find((row) => row.name === this.chosen) || null;
    clear(this.el).append(
      h('h3', { class: 'live-section-title', text: 'Discovered schemas' }),
      h('ul', { class: 'live-schemas' }, rows.map((row) => h('li', {}, h('button', {
        type: 'button', class: `live-schema${open === row ? ' open' : ''}`, 'data-schema': row.name,
        'data-schema-versions': String(row.versions), 'aria-expanded': String(open === row),
        onclick: () => { this.chosen = open === row ? null : row.name; this.pair = null; this.show(true); },
      }, h('span', { class: 'live-schema-name', text: row.name }),
      h('span', { class: 'live-schema-count', text: `${row.versions} version${row.versions === 1 ? '' : 's'}` }))))),
      open ? this.details(open) : h('p', { class: 'hint', text: 'Pick a schema for its versions, a diff and code bindings.' }),
    );
  }

  details(row) {
    if (!row.detail) return h('p', { class: 'hint', text: 'Its versions, diffs and code bindings come when the run ends.' });
    const { versions, bindings } = row.detail;
    const last = versions.length - 1;
    const [from, to] = this.pair || [Math.max(0, last - 1), last];
    const pick = (value, onpick, label) => h('select', { 'aria-label': label, onchange: (evt) => onpick(Number(evt.target.value)) },
      versions.map((v, index) => h('option', { value: String(index), selected: index === value, text: `version ${v.version}` })));
    const diff = from === to ? [] : versionDiff(row.detail, from, to).filter((line, index, all) => line.op !== ' '
      || all.slice(Math.max(0, index - 2), index + 3).some((near) => near.op !== ' '));
    return h('div', { class: 'live-schema-details' },
      h('ol', { class: 'live-schema-versions' }, versions.map((v) => h('li', { 'data-schema-version': v.version },
        h('strong', { text: `version ${v.version}` }), ` at ${v.time} s: ${v.changes.join('; ')}`))),
      h('div', { class: 'live-schema-compare' }, 'Compare ',
        pick(from, (value) => { this.pair = [value, to]; this.show(true); }, 'Older version'), ' with ',
        pick(to, (value) => { this.pair = [from, value]; this.show(true); }, 'Newer version')),
      h('pre', { class: 'live-schema-diff', 'data-schema-diff': `${versions[from].version}..${versions[to].version}` },
        diff.length ? diff.map((line) => h('span', { class: `diff-line diff-${line.op === '+' ? 'add' : line.op === '-' ? 'del' : 'same'}`, 'data-op': line.op, text: `${line.op} ${line.text}\n` }))
          : 'The two versions are the same.'),
      h('div', { class: 'tabs', role: 'tablist' }, ['python', 'typescript'].map((lang) => h('button', {
        type: 'button', class: 'tab', role: 'tab', 'aria-selected': String(this.binding === lang), 'data-schema-language': lang,
        text: lang === 'python' ? 'Python' : 'TypeScript', onclick: () => { this.binding = lang; this.show(true); },
      }))),
      h('pre', { class: 'live-schema-binding', 'data-schema-binding': this.binding, text: bindings[this.binding] }));
  }
}
