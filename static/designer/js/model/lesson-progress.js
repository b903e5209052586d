// The learner's progress through the lessons, kept in this browser only (no account
// needed): per lesson, the answer given, whether it was right, whether the steps were
// played to the end, and whether a challenge passed its check. `storage` is anything
// with getItem and setItem (the page's localStorage); a broken or full one is ignored.

export const PROGRESS_KEY = 'eventyard:lessons';

export class LessonProgress {
  constructor(storage) {
    this.storage = storage;
    this.data = {};
    try {
      const raw = JSON.parse(storage?.getItem(PROGRESS_KEY) || '{}');
      if (raw && typeof raw === 'object' && !Array.isArray(raw)) this.data = raw;
    } catch {
      this.data = {};
    }
  }

  of(slug) {
    const entry = this.data[slug];
    return entry && typeof entry === 'object' ? entry : {};
  }

  record(slug, fields) {
    this.data[slug] = { ...this.of(slug), ...fields };
    try {
      this.storage?.setItem(PROGRESS_KEY, JSON.stringify(this.data));
    } catch {
      // Private mode or a full storage: progress lives for this page only.
    }
    return this.data[slug];
  }

  // A word for a lesson's card: "passed", "done", "answered" or "" (not started).
  state(slug) {
    const entry = this.of(slug);
    if (entry.passed) return 'passed';
    if (entry.done) return 'done';
    if (entry.answer !== undefined) return 'answered';
    return '';
  }

  // How many of `slugs` are done (or passed).
  finished(slugs) {
    return slugs.filter((slug) => ['done', 'passed'].includes(this.state(slug))).length;
  }
}
