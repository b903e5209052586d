// The export dialog (the CloudFormation template as YAML or JSON, or the same stack as a
// SAM template; shown and downloadable)
// and the import dialog (a template via the server, or an Eventyard document as it is).

import { openDialog } from './dialogs.js';
import { clear, h } from './dom.js';

// `lint(format)` answers cfn-lint's findings for the template shown; they are listed under
// it (`data-lint` with `data-lint-state` pending, clean, findings or failed; one
// `data-lint-finding="<rule>"` each), and a finding's line number scrolls the text there.
const EXPORT_TABS = [['yaml', 'YAML'], ['json', 'JSON'], ['sam', 'SAM']];
const SAM_NOTE = 'The same stack as a SAM template: each function with its Events, '
  + 'EventInvokeConfig and SAM policy templates. SAM adds AWS\'s managed policies for logs '
  + 'and for each polled queue or stream (on every resource); the YAML and JSON templates '
  + 'grant exactly what the diagram needs.';

export function openExportDialog({ load, lint }) {
  const pre = h('pre', { class: 'template-text', 'data-export-text': '', text: 'Loading…' });
  const lintBox = h('section', { class: 'lint', 'data-lint': '', 'data-lint-state': 'pending', 'aria-live': 'polite' });
  const link = h('a', { class: 'button primary', 'data-action': 'download', download: 'template.yaml', href: '#', text: 'Download' });
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const note = h('p', { class: 'hint', 'data-export-note': '', hidden: true, text: SAM_NOTE });
  let url = null;
  let shown = null;
  const showLint = async (format) => {
    lintBox.dataset.lintState = 'pending';
    clear(lintBox).append(h('p', { class: 'hint', text: 'Checking the template with cfn-lint…' }));
    try {
      const result = await lint(format);
      if (shown !== format) return; // another tab was chosen meanwhile
      renderLint(lintBox, result, pre);
    } catch (error) {
      if (shown !== format) return;
      lintBox.dataset.lintState = 'failed';
      const again = h('button', { type: 'button', class: 'button', 'data-action': 'lint-again', text: 'Try again', onclick: () => showLint(format) });
      clear(lintBox).append(h('p', { class: 'field-error', text: `The template could not be checked: ${error.message}` }), again);
    }
  };
  const show = async (format) => {
    shown = format;
    for (const tab of tabs.children) tab.setAttribute('aria-selected', String(tab.dataset.format === format));
    pre.textContent = 'Loading…';
    link.hidden = true;
    note.hidden = format !== 'sam';
    try {
      const { text, filename } = await load(format);
      pre.textContent = text;
      if (url) URL.revokeObjectURL(url);
      url = URL.createObjectURL(new Blob([text], { type: format === 'json' ? 'application/json' : 'application/yaml' }));
      link.href = url;
      link.download = filename;
      link.textContent = `Download ${filename}`;
      link.hidden = false;
      showLint(format);
    } catch (error) {
      pre.textContent = error.message;
      pre.dataset.state = 'error';
    }
  };
  for (const [format, label] of EXPORT_TABS) {
    tabs.append(h('button', { type: 'button', class: 'tab', role: 'tab', 'data-format': format, text: label, onclick: () => show(format) }));
  }
  show('yaml');
  return openDialog({ title: 'Export CloudFormation', name: 'export', wide: true, body: [tabs, note, pre, link, lintBox] })
    .finally(() => url && URL.revokeObjectURL(url));
}

function renderLint(box, result, pre) {
  const findings = result.findings || [];
  box.dataset.lintState = findings.length ? 'findings' : 'clean';
  clear(box);
  if (!findings.length) {
    box.append(h('p', { class: 'lint-clean', text: `${result.linter}: no findings.` }));
    return;
  }
  const counts = [['errors', 'error'], ['warnings', 'warning'], ['info', 'note']]
    .filter(([key]) => result[key])
    .map(([key, word]) => `${result[key]} ${word}${result[key] === 1 ? '' : 's'}`);
  box.append(h('p', { class: 'lint-summary', text: `${result.linter}: ${counts.join(', ')}.` }));
  const list = h('ul', { class: 'lint-findings' });
  for (const finding of findings) {
    const goTo = h('button', {
      type: 'button', class: 'link', text: `line ${finding.line}`, title: finding.path,
      onclick: () => scrollToLine(pre, finding.line),
    });
    list.append(h('li', { class: `lint-${finding.level}`, 'data-lint-finding': finding.rule }, [
      h('strong', { text: finding.rule }), ' ', goTo, ': ', h('span', { text: finding.message }),
    ]));
  }
  box.append(list);
}

function scrollToLine(pre, line) {
  const height = parseFloat(getComputedStyle(pre).lineHeight) || 16;
  pre.scrollTop = Math.max(0, (line - 3) * height);
}

// Reads a chosen file or pasted text; `importFile(text, name)` turns it into a diagram (or
// throws, and the dialog lists why).
export function openImportDialog({ importFile }) {
  const input = h('input', { type: 'file', accept: '.yaml,.yml,.json,.template,.txt', 'data-field': 'import-file', id: 'import-file' });
  const pasted = h('textarea', {
    class: 'json-input import-text', rows: '8', spellcheck: 'false', 'data-field': 'import-text', id: 'import-text',
    placeholder: 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Orders:\n    Type: AWS::SQS::Queue',
  });
  const go = h('button', { type: 'button', class: 'button primary', 'data-import-paste': '', text: 'Import pasted text', disabled: true });
  const out = h('div', { class: 'import-result', 'data-import-result': '', role: 'status' });
  const read = async (text, name, what) => {
    clear(out).append(h('p', { text: `Reading ${what}…` }));
    try {
      await importFile(text, name);
    } catch (error) {
      const problems = error.body?.problems || [];
      clear(out).append(h('p', { class: 'field-error', text: `Could not import ${what}: ${error.message}` }),
        h('ul', {}, problems.map((p) => h('li', { 'data-problem': p.path, text: `${p.path}: ${p.message}` }))));
    }
  };
  input.addEventListener('change', async () => {
    const file = input.files[0];
    if (file) await read(await file.text(), file.name, file.name);
  });
  pasted.addEventListener('input', () => (go.disabled = !pasted.value.trim()));
  go.addEventListener('click', () => read(pasted.value, '', 'the pasted text'));
  return openDialog({
    title: 'Import',
    name: 'import',
    wide: true,
    body: [
      h('p', { text: 'A CloudFormation template (YAML or JSON) becomes a new diagram; so does an Eventyard diagram (.json).' }),
      h('label', { class: 'field-name', for: 'import-file', text: 'From a file' }), input,
      h('label', { class: 'field-name import-or', for: 'import-text', text: 'Or paste it here' }), pasted, go, out,
    ],
  });
}
