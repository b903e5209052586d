// Saving: a debounced autosave after every change and an explicit save, both a PUT with the
// revision the editor is based on. A 400 shows the server's problems; a 409 asks whether to
// reload or overwrite; no answer or a 5xx says so and offers a retry. Until a save lands,
// the document is kept in localStorage too, so closing the tab loses nothing. A new diagram
// (no id yet) is created on the server by its first save, which announces `diagram:created`.

import { api as defaultApi } from '../net/api.js';
import { locateProblems } from '../model/problems.js';
import { sameJSON } from '../model/clone.js';

const AUTOSAVE_MS = 1200;
const backupKey = (id) => `eventyard:unsaved:${id}`;

export class Saver {
  constructor({ bus, model, history, problems, diagram, readOnly, onConflict, api = defaultApi }) {
    Object.assign(this, { bus, model, history, problems, diagram, readOnly, onConflict, api });
    this.revision = diagram.revision;
    this.version = 0;
    this.savedVersion = 0;
    this.timer = null;
    this.inFlight = null;
    this.again = false;
    bus.on('doc:change', () => this.changed());
    window.addEventListener('online', () => this.isDirty() && this.save());
  }

  isDirty() {
    return this.version !== this.savedVersion;
  }

  changed() {
    if (this.readOnly) return;
    this.version += 1;
    this.backup();
    this.say('dirty', 'Unsaved changes…');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.save(), AUTOSAVE_MS);
  }

  backup() {
    if (!this.diagram.id) return;
    const record = { baseRevision: this.revision, document: this.model.toJSON(), savedAt: new Date().toISOString() };
    try {
      localStorage.setItem(backupKey(this.diagram.id), JSON.stringify(record));
    } catch {
      // Storage full or disabled: the page still holds the document.
    }
  }

  // An unsaved document this browser kept for this diagram, if it differs from the server's.
  pendingBackup() {
    if (!this.diagram.id) return null;
    try {
      const record = JSON.parse(localStorage.getItem(backupKey(this.diagram.id)) || 'null');
      return record && !sameJSON(record.document, this.diagram.document) ? record : null;
    } catch {
      return null;
    }
  }

  dropBackup() {
    if (this.diagram.id) localStorage.removeItem(backupKey(this.diagram.id));
  }

  // Loads a kept document as unsaved changes based on the revision it was edited from.
  restore(record) {
    this.model.load(record.document);
    this.history.clear();
    this.revision = record.baseRevision;
    this.changed();
  }

  async save({ force = false } = {}) {
    if (this.readOnly) return;
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    clearTimeout(this.timer);
    if (!force && !this.isDirty()) return;
    this.inFlight = this.send().finally(() => {
      this.inFlight = null;
      if (this.again) {
        this.again = false;
        if (this.isDirty()) this.save();
      }
    });
    return this.inFlight;
  }

  async send() {
    const document = this.model.toJSON();
    const ids = { nodes: document.nodes.map((n) => n.id), edges: document.edges.map((e) => e.id) };
    const version = this.version;
    this.say('saving', 'Saving…');
    try {
      const name = document.name || 'Untitled diagram';
      const saved = this.diagram.id
        ? await this.api.saveDiagram(this.diagram.id, { name, document, revision: this.revision })
        : await this.create(name, document);
      this.revision = saved.revision;
      this.diagram = { ...this.diagram, ...saved };
      this.savedVersion = version;
      if (!this.isDirty()) this.dropBackup();
      this.say('saved', `Saved · revision ${saved.revision}`);
      this.problems.replace({ errors: [], source: 'save' });
      await this.validate(ids);
    } catch (error) {
      await this.failed(error, ids);
    }
  }

  async create(name, document) {
    const created = await this.api.createDiagram(name, document);
    this.diagram = { ...this.diagram, ...created };
    this.bus.emit('diagram:created', { id: created.id });
    return created;
  }

  async validate(ids) {
    if (!this.diagram.id) return;
    try {
      const report = await this.api.validate(this.diagram.id);
      this.problems.replace({
        errors: locateProblems(report.errors || [], ids, 'error'),
        warnings: locateProblems(report.warnings || [], ids, 'warning'),
        source: 'validate',
      });
    } catch {
      // Advice is a bonus: a failed check leaves the last advice shown.
    }
  }

  async failed(error, ids) {
    const status = error.status;
    if (status === 400 && error.body?.problems) {
      const errors = locateProblems(error.body.problems, ids, 'error');
      this.problems.replace({ errors, warnings: [], source: 'save' });
      this.say('invalid', `Not saved: ${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} to fix (your changes are kept in this browser)`);
    } else if (status === 409) {
      this.say('conflict', 'Not saved: this diagram was changed elsewhere');
      const choice = await this.onConflict(error.body);
      if (choice === 'overwrite') {
        this.revision = error.body.revision;
        await this.send();
      } else if (choice === 'reload') {
        this.reloadFrom(error.body);
      }
    } else if (status === 403) {
      this.say('read-only', 'Not saved: this diagram is read-only');
    } else {
      const why = status === 0 ? 'the server could not be reached' : `the server failed (${status})`;
      this.say('offline', `Not saved: ${why}. Your changes are kept in this browser — retry when it is back.`);
    }
  }

  reloadFrom({ revision, document }) {
    this.revision = revision;
    this.model.load(document);
    this.history.clear();
    this.savedVersion = this.version;
    this.dropBackup();
    this.say('saved', `Reloaded revision ${revision}`);
  }

  say(state, message) {
    this.bus.emit('save:state', { state, message });
  }
}
