// The undo history: every change to the document goes through `execute`, so every change
// can be undone and redone. Loading a document (or reloading after a conflict) clears it.

import { invertOps } from './document.js';

const LIMIT = 500;

export class History {
  constructor(model, bus) {
    this.model = model;
    this.bus = bus;
    this.done = [];
    this.undone = [];
  }

  // Applies ops as one undoable step labelled `label` ("Move 3 nodes").
  execute(ops, label = 'Edit') {
    if (!ops.length) return false;
    this.model.apply(ops);
    this.done.push({ ops, label });
    if (this.done.length > LIMIT) this.done.shift();
    this.undone = [];
    this.announce();
    return true;
  }

  undo() {
    const step = this.done.pop();
    if (!step) return null;
    this.model.apply(invertOps(step.ops), { reason: 'undo' });
    this.undone.push(step);
    this.announce();
    return step;
  }

  redo() {
    const step = this.undone.pop();
    if (!step) return null;
    this.model.apply(step.ops, { reason: 'redo' });
    this.done.push(step);
    this.announce();
    return step;
  }

  clear() {
    this.done = [];
    this.undone = [];
    this.announce();
  }

  canUndo() {
    return this.done.length > 0;
  }

  canRedo() {
    return this.undone.length > 0;
  }

  // The label of the step undo (or redo) would take back, or null.
  undoLabel() {
    return this.done.at(-1)?.label ?? null;
  }

  redoLabel() {
    return this.undone.at(-1)?.label ?? null;
  }

  announce() {
    this.bus.emit('history:change', { undo: this.undoLabel(), redo: this.redoLabel() });
  }
}
