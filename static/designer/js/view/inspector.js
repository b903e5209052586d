// The property inspector: the selected node's or edge's label and fields (built from the
// catalogue's field specs), or the diagram's own fields when nothing is selected. Server
// problems about a field show under it. Changes go out as intents; the app applies them.

import { connectSection } from './connect.js';
import { fieldRow } from './fields.js';
import { namedByLabel } from '../model/problems.js';
import { clear, h, iconUrl } from './dom.js';

export class Inspector {
  constructor(root, { bus, model, selection, catalog, problems, readOnly }) {
    Object.assign(this, { root, bus, model, selection, catalog, problems, readOnly });
    this.connectState = { open: false };
    // One render per frame, after the event that asked for it has finished: a field committed
    // by clicking into another lets the click's focus land before the panel is patched.
    const render = () => {
      if (this.frame) return;
      this.frame = requestAnimationFrame(() => {
        this.frame = null;
        this.render();
      });
    };
    bus.on('selection:change', render);
    bus.on('doc:change', render);
    bus.on('doc:load', render);
    bus.on('problems:change', render);
  }

  // Rebuilds the panel; while a field is being edited, everything around it is replaced and
  // the field itself is left alone, so saves, validations and live frames arriving mid-typing
  // never cost a character or the cursor.
  render() {
    const active = this.root.contains(document.activeElement) ? document.activeElement : null;
    const picked = this.selection.single();
    let body;
    if (picked?.kind === 'node' && this.model.node(picked.id)) body = this.nodePanel(this.model.node(picked.id));
    else if (picked?.kind === 'edge' && this.model.edge(picked.id)) body = this.edgePanel(this.model.edge(picked.id));
    else if (!this.selection.isEmpty()) body = this.manyPanel();
    else body = this.diagramPanel();
    const current = this.root.firstElementChild;
    if (active && isEditing(active) && samePanel(current, body) && patchAround(current, body, active)) return;
    const focused = active ? hookOf(active) : null;
    clear(this.root).append(body);
    if (focused) this.root.querySelector(focused)?.focus();
    else if (active?.closest('[data-connect]')) {
      (this.root.querySelector('[data-connect] .connect-choice') || this.root.querySelector('[data-connect] summary'))?.focus();
    }
  }

  diagramPanel() {
    const meta = this.model.meta;
    const sim = meta.sim || {};
    const commit = (field) => (value) => this.bus.emit('intent:meta', { field, value });
    return h('div', { class: 'inspector-panel', 'data-inspecting': 'diagram' },
      h('h2', { class: 'panel-title', text: 'Diagram' }),
      this.plainRow({ name: 'Name', kind: 'string', help: 'Shown in the gallery.' }, meta.name, { 'data-field': 'name' }, commit('name')),
      this.plainRow({ name: 'Description', kind: 'string', help: 'One line about what it shows.' }, meta.description, { 'data-field': 'description' }, commit('description')),
      h('h3', { class: 'section-title', text: 'Simulation' }),
      this.plainRow({ name: 'seed', kind: 'int', minimum: 0, help: 'Same seed, same run.' }, sim.seed, { 'data-field': 'sim.seed' }, commit('sim.seed')),
      this.plainRow({ name: 'duration', kind: 'number', minimum: 0, help: 'Simulated seconds.' }, sim.duration, { 'data-field': 'sim.duration' }, commit('sim.duration')),
      this.plainRow({
        name: 'goals', kind: 'json',
        help: 'What a run must show: [{"name", "metric": "<node>.<Metric>" or "ledger.<bucket>", "stat": end|max|min|avg, "op", "value"}]. ◎ beside a chart metric adds one.',
      }, sim.goals, { 'data-field': 'sim.goals' }, commit('sim.goals')),
      this.problemList(this.problems.all().filter((p) => p.target.kind === 'diagram')),
      h('p', { class: 'hint', text: `${this.model.nodes.size} nodes, ${this.model.edges.size} edges. Select one to edit it; press ? for shortcuts.` }),
    );
  }

  manyPanel() {
    const { nodes, edges } = this.selection;
    return h('div', { class: 'inspector-panel', 'data-inspecting': 'many' },
      h('h2', { class: 'panel-title', text: 'Selection' }),
      h('p', { text: `${nodes.size} nodes and ${edges.size} edges selected.` }),
      h('p', { class: 'hint', text: 'Drag to move them together; Delete removes them; Ctrl+C / Ctrl+V copy them.' }));
  }

  nodePanel(node) {
    const spec = this.catalog.nodeType(node.type);
    const labelInput = h('input', { type: 'text', value: node.label ?? '', 'data-field': 'label', id: 'field-label', disabled: this.readOnly });
    labelInput.addEventListener('change', () => this.bus.emit('intent:label', { id: node.id, label: labelInput.value }));
    return h('div', { class: 'inspector-panel', 'data-inspecting': 'node', 'data-inspecting-id': node.id },
      h('div', { class: 'inspector-head' },
        h('img', { src: iconUrl(node.type), alt: '', width: '32', height: '32' }),
        h('div', {},
          h('h2', { class: 'panel-title', text: spec?.label || node.type }),
          h('p', { class: 'inspector-sub', text: `${node.type}${node.role ? ` · ${node.role}` : ''} · id ${node.id}` }))),
      h('div', { class: 'field' }, h('label', { class: 'field-name', for: 'field-label', text: 'Label' }), labelInput),
      this.problemList(this.problems.about('node', node.id).filter((p) => !p.target.field)),
      this.readOnly ? null : connectSection(node, { ...this, state: this.connectState }),
      this.sections('node', node, spec ? this.catalog.fieldsOf('node', node.type) : []),
    );
  }

  edgePanel(edge) {
    const source = this.model.node(edge.source);
    const target = this.model.node(edge.target);
    const kinds = source && target ? this.catalog.kindsFor(source.type, target.type) : [edge.kind];
    const kindSelect = h('select', { 'data-field': 'kind', id: 'field-kind', disabled: this.readOnly || kinds.length < 2 },
      (kinds.includes(edge.kind) ? kinds : [edge.kind, ...kinds]).map((kind) => h('option', { value: kind, text: kind })));
    kindSelect.value = edge.kind;
    kindSelect.addEventListener('change', () => this.bus.emit('intent:edge-kind', { id: edge.id, kind: kindSelect.value }));
    const spec = this.catalog.edgeKind(edge.kind);
    return h('div', { class: 'inspector-panel', 'data-inspecting': 'edge', 'data-inspecting-id': edge.id },
      h('h2', { class: 'panel-title', text: `${edge.kind} edge` }),
      h('p', { class: 'inspector-sub', text: `${source?.label ?? edge.source} → ${target?.label ?? edge.target} · id ${edge.id}` }),
      spec?.description ? h('p', { class: 'hint', text: spec.description }) : null,
      h('div', { class: 'field' }, h('label', { class: 'field-name', for: 'field-kind', text: 'Kind' }), kindSelect),
      this.problemList(this.problems.about('edge', edge.id).filter((p) => !p.target.field)),
      this.sections('edge', edge, this.catalog.fieldsOf('edge', edge.kind)),
    );
  }

  sections(kind, item, fields) {
    const out = [];
    for (const section of ['props', 'sim']) {
      const rows = fields.filter((entry) => entry.section === section);
      if (!rows.length) continue;
      out.push(h('h3', { class: 'section-title', text: section === 'props' ? 'Properties' : 'Simulation' }));
      for (const { field } of rows) out.push(this.itemRow(kind, item, section, field));
    }
    if (!out.length) out.push(h('p', { class: 'hint', text: 'Nothing to configure.' }));
    return out;
  }

  itemRow(kind, item, section, field) {
    const hook = section === 'props' ? { 'data-prop': field.name } : { 'data-sim': field.name };
    const commit = (value) => this.bus.emit('intent:field', { kind, id: item.id, section, name: field.name, value });
    const row = fieldRow({
      field, value: item[section]?.[field.name], hook, commit, disabled: this.readOnly,
      context: { nodeIds: this.model.nodeList().map((node) => node.id) },
    });
    const found = this.problems.about(kind, item.id, field.name).filter((p) => p.target.section === section);
    if (found.length) row.append(this.problemList(found));
    if (found.some((p) => p.severity === 'error')) row.classList.add('has-problem');
    return row;
  }

  plainRow(field, value, hook, commit) {
    return fieldRow({ field, value, hook, commit, disabled: this.readOnly, context: {} });
  }

  problemList(found) {
    if (!found.length) return null;
    return h('ul', { class: 'field-problems' }, found.map((p) =>
      h('li', { class: `problem problem-${p.severity}`, 'data-problem': p.path }, namedByLabel(p.message, this.model),
        p.fix ? h('span', { class: 'fix', text: ` ${namedByLabel(p.fix, this.model)}` }) : null)));
  }
}

function isEditing(el) {
  return el.matches('textarea, select, input:not([type="checkbox"], [type="radio"], [type="button"])');
}

function samePanel(current, next) {
  return Boolean(current) && ['data-inspecting', 'data-inspecting-id'].every((name) => current.getAttribute(name) === next.getAttribute(name));
}

// Swaps every row of the shown panel for the new one's except the row being edited, whose
// problem list alone is brought up to date. False when the new panel has no such row.
function patchAround(current, next, active) {
  const hook = hookOf(active);
  const keep = [...current.children].find((child) => child.contains(active));
  const twin = hook && [...next.children].find((child) => child.matches(hook) || child.querySelector(hook));
  if (!keep || !twin) return false;
  keep.querySelector(':scope > .field-problems')?.remove();
  const fresh = twin.querySelector(':scope > .field-problems');
  if (fresh) keep.append(fresh);
  keep.classList.toggle('has-problem', twin.classList.contains('has-problem'));
  const rows = [...next.children];
  const at = rows.indexOf(twin);
  for (const child of [...current.children]) if (child !== keep) child.remove();
  keep.before(...rows.slice(0, at));
  keep.after(...rows.slice(at + 1));
  return true;
}

function hookOf(el) {
  for (const name of ['data-prop', 'data-sim', 'data-field', 'data-connect-filter']) {
    const value = el.closest(`[${name}]`)?.getAttribute(name);
    if (value !== undefined && value !== null) return `[${name}="${CSS.escape(value)}"]`;
  }
  return null;
}
