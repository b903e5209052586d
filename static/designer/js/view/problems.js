// The problems panel: every problem the server found (errors) and its design advice
// (warnings), each with `data-problem` = its path; clicking one selects what it concerns.

import { describeTarget, namedByLabel } from '../model/problems.js';
import { clear, h } from './dom.js';

export function renderProblems(root, { bus, model, selection }) {
  const title = h('h2', { class: 'panel-title' });
  const list = h('ul', { class: 'problem-list', 'data-problems': '' });
  clear(root).append(title, list);
  const show = ({ problems }) => {
    const errors = problems.filter((p) => p.severity === 'error').length;
    const warnings = problems.length - errors;
    title.textContent = problems.length ? `Problems (${errors}) · Advice (${warnings})` : 'No problems';
    root.dataset.state = errors ? 'errors' : warnings ? 'warnings' : 'clean';
    clear(list).append(...problems.map((problem) => item(problem, { model, selection })));
  };
  bus.on('problems:change', show);
  show({ problems: [] });
}

function item(problem, { model, selection }) {
  const { target } = problem;
  const where = describeTarget(target, model);
  const li = h('li', { class: `problem problem-${problem.severity}`, 'data-problem': problem.path, tabindex: '0' },
    h('span', { class: 'problem-severity', text: problem.severity === 'error' ? 'Error' : 'Advice' }),
    h('span', { class: 'problem-where', text: where }),
    h('span', { class: 'problem-message', text: namedByLabel(problem.message, model) }),
    problem.fix ? h('span', { class: 'problem-fix', text: namedByLabel(problem.fix, model) }) : null);
  const go = () => {
    if (target.kind === 'node' && model.node(target.id)) selection.set({ nodes: [target.id] });
    else if (target.kind === 'edge' && model.edge(target.id)) selection.set({ edges: [target.id] });
    else selection.clear();
  };
  li.addEventListener('click', go);
  li.addEventListener('keydown', (evt) => evt.key === 'Enter' && go());
  return li;
}
