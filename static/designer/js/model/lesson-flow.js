// A lesson as the learner goes through it (no DOM): the question is answered first, then
// each step plays the run to its time (the panel pauses it there) with its nodes in focus,
// and the explanation comes once the last step is reached. A challenge adds hints, shown
// one at a time on demand, and the result of the last check.

export const PHASES = ['question', 'steps', 'explained'];

export class LessonFlow {
  constructor(lesson) {
    this.lesson = lesson;
    this.phase = 'question';
    this.choice = null; // the choice picked, not yet answered
    this.answer = null; // the choice answered with
    this.step = 0; // the step being played or next to play
    this.reachedSteps = 0; // how many steps have been played to their time
    this.playing = false;
    this.hints = 0;
    this.check = null; // the last check's {passed, goals}
  }

  get steps() {
    return this.lesson.steps;
  }

  choose(index) {
    if (this.phase !== 'question') return false;
    if (!Number.isInteger(index) || index < 0 || index >= this.lesson.question.choices.length) return false;
    this.choice = index;
    return true;
  }

  // Commit the choice: the steps open. Returns false if nothing is chosen yet.
  submit() {
    if (this.phase !== 'question' || this.choice === null) return false;
    this.answer = this.choice;
    this.phase = 'steps';
    return true;
  }

  get correct() {
    return this.answer !== null && this.answer === this.lesson.question.answer;
  }

  get current() {
    return this.steps[Math.min(this.step, this.steps.length - 1)];
  }

  // The nodes to highlight now: the current step's (none before the question is answered).
  focus() {
    return this.phase === 'question' ? [] : (this.current?.focus || []);
  }

  canPlay() {
    return this.phase === 'steps' && !this.playing && this.step < this.steps.length;
  }

  play() {
    if (!this.canPlay()) return false;
    this.playing = true;
    return true;
  }

  // The run's simulated time went on: true when the run should pause here (the current
  // step's time is reached). The last step ends the lesson's steps: the explanation shows.
  reached(time) {
    if (!this.playing || this.phase !== 'steps') return false;
    const until = this.current.until;
    if (time + 1e-9 < until) return false;
    this.playing = false;
    this.reachedSteps = Math.max(this.reachedSteps, this.step + 1);
    if (this.step + 1 >= this.steps.length) {
      this.phase = 'explained';
    } else {
      this.step += 1;
    }
    return true;
  }

  // The run ended or was stopped before the step's time (a reset, a closed run).
  interrupted() {
    this.playing = false;
  }

  nextHint() {
    const all = this.lesson.challenge?.hints || [];
    if (this.hints >= all.length) return null;
    this.hints += 1;
    return all[this.hints - 1];
  }

  shownHints() {
    return (this.lesson.challenge?.hints || []).slice(0, this.hints);
  }

  checked(result) {
    this.check = result;
    return result.passed;
  }
}

// The class's tally as rows for a bar chart: one per choice, with its letter, its count
// and its share of the answers (0 when nobody answered).
export function tallyRows(poll, choices) {
  const tally = poll?.tally || [];
  const total = tally.reduce((sum, n) => sum + n, 0);
  return choices.map((text, index) => ({
    letter: String.fromCharCode(65 + index),
    text,
    count: tally[index] || 0,
    share: total ? (tally[index] || 0) / total : 0,
  }));
}
