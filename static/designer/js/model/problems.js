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

// Server messages quote node ids ('orders-dlq'); people know nodes by their labels. Each
// quoted id of a node becomes its label, with the id added only where labels repeat.
export function namedByLabel(text, model) {
  if (!text) return text;
  const counts = new Map();
  for (const node of model.nodeList()) counts.set(labelOf(node), (counts.get(labelOf(node)) || 0) + 1);
  return String(text).replace(/'([^'\n]{1,200})'/g, (quoted, id) => {
    const node = model.node(id);
    if (!node) return quoted;
    const label = labelOf(node);
    return counts.get(label) > 1 ? `'${label}' (id ${id})` : `'${label}'`;
  });
}

// How the panel names what a problem is about: a node's label, an edge's ends.
export function describeTarget(target, model) {
  const field = target.field ? `.${target.field}` : '';
  const name = (id) => namedByLabel(`'${id}'`, model).replace(/^'([^']*)'/, '$1');
  if (target.kind === 'node') return `${name(target.id)}${field}`;
  const edge = target.kind === 'edge' ? model.edge(target.id) : null;
  if (edge) return `${edge.kind} ${name(edge.source)} → ${name(edge.target)}${field}`;
  if (target.kind === 'edge') return `edge ${target.id}${field}`;
  return target.field || 'diagram';
}

function labelOf(node) {
  return String(node.label || node.id);
}
