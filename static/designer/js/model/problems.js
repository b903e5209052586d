// Problems (the server's refusals) and advice (its warnings), each tied to the node, edge or
// field it concerns. Paths are the document's (`nodes[1].props.VisibilityTimeout`): they
// name nodes and edges by index, so each set keeps the ids in the order they were sent.

const NODE_PATH = /^nodes\[(\d+)\](?:\.(props|sim)\.([^.[\]]+))?/;
const EDGE_PATH = /^edges\[(\d+)\](?:\.(props)\.([^.[\]]+))?/;

// The document path of a 400's problem (`document.nodes[0]...` → `nodes[0]...`).
export function documentPath(path) {
  if (path === 'document') return '';
  return path.startsWith('document.') ? path.slice('document.'.length) : path;
}

// `problems` as {path, code, message, fix?, severity, target}; `ids` is {nodes, edges}.
export function locateProblems(problems, ids, severity) {
  return problems.map((problem) => {
    const path = documentPath(problem.path || '');
    return { ...problem, path, severity, target: targetOf(path, ids) };
  });
}

function targetOf(path, ids) {
  let match = NODE_PATH.exec(path);
  if (match && ids.nodes[Number(match[1])] !== undefined) {
    return { kind: 'node', id: ids.nodes[Number(match[1])], section: match[2] || null, field: match[3] || null };
  }
  match = EDGE_PATH.exec(path);
  if (match && ids.edges[Number(match[1])] !== undefined) {
    return { kind: 'edge', id: ids.edges[Number(match[1])], section: match[2] || null, field: match[3] || null };
  }
  return { kind: 'diagram', id: null, section: null, field: path || null };
}

// The current problems and advice; emits `problems:change` whenever they are replaced.
export class ProblemSet {
  constructor(bus) {
    this.bus = bus;
    this.errors = [];
    this.warnings = [];
    this.source = null;
  }

  replace({ errors = this.errors, warnings = this.warnings, source = null }) {
    this.errors = errors;
    this.warnings = warnings;
    this.source = source;
    this.bus.emit('problems:change', { problems: this.all() });
  }

  all() {
    return [...this.errors, ...this.warnings];
  }

  // Problems about one node or edge, optionally one field of it.
  about(kind, id, field = undefined) {
    return this.all().filter(
      (p) => p.target.kind === kind && p.target.id === id && (field === undefined || p.target.field === field),
    );
  }
}
