// The export dialog (the CloudFormation template as YAML or JSON, shown and downloadable)
// and the import dialog (a template via the server, or an Eventyard document as it is).

import { openDialog } from './dialogs.js';
import { clear, h } from './dom.js';

export function openExportDialog({ load }) {
  const pre = h('pre', { class: 'template-text', 'data-export-text': '', text: 'Loading…' });
  const note = h('p', { class: 'hint', text: 'The API does not lint templates; cfn-lint checks every exported example in CI. Run cfn-lint on yours before deploying.' });
  const link = h('a', { class: 'button primary', 'data-action': 'download', download: 'template.yaml', href: '#', text: 'Download' });
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  let url = null;
  const show = async (format) => {
    for (const tab of tabs.children) tab.setAttribute('aria-selected', String(tab.dataset.format === format));
    pre.textContent = 'Loading…';
    link.hidden = true;
    try {
      const { text, filename } = await load(format);
      pre.textContent = text;
      if (url) URL.revokeObjectURL(url);
      url = URL.createObjectURL(new Blob([text], { type: format === 'json' ? 'application/json' : 'application/yaml' }));
      link.href = url;
      link.download = filename;
      link.textContent = `Download ${filename}`;
      link.hidden = false;
    } catch (error) {
      pre.textContent = error.message;
      pre.dataset.state = 'error';
    }
  };
  for (const format of ['yaml', 'json']) {
    tabs.append(h('button', { type: 'button', class: 'tab', role: 'tab', 'data-format': format, text: format.toUpperCase(), onclick: () => show(format) }));
  }
  show('yaml');
  return openDialog({ title: 'Export CloudFormation', name: 'export', wide: true, body: [tabs, pre, link, note] })
    .finally(() => url && URL.revokeObjectURL(url));
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
