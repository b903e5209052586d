// What the live States tab shows of a Step Functions state machine: its states in document
// order (a Parallel's branches and a Map's processor indented under it), each with how many
// running executions are in it now, as the server's frames count them (`states`).

export const MACHINE_TYPE = 'stepfunctions.statemachine';

export function stateRows(definition, counts = {}) {
  const rows = [];
  const walk = (machine, depth) => {
    const states = machine && typeof machine === 'object' ? machine.States : null;
    if (!states || typeof states !== 'object' || Array.isArray(states)) return;
    for (const [name, state] of Object.entries(states)) {
      const body = state && typeof state === 'object' ? state : {};
      rows.push({
        name,
        type: typeof body.Type === 'string' ? body.Type : '',
        depth,
        start: machine.StartAt === name,
        end: body.End === true || body.Type === 'Succeed' || body.Type === 'Fail',
        count: Number(counts[name]) || 0,
      });
      for (const branch of Array.isArray(body.Branches) ? body.Branches : []) walk(branch, depth + 1);
      walk(body.ItemProcessor || body.Iterator, depth + 1);
    }
  };
  walk(definition, 0);
  return rows;
}

// The machine the tab shows: the selected node when it is one, else the one shown before
// (while it exists), else the diagram's first.
export function pickMachine(nodes, selected, shown) {
  const machines = nodes.filter((node) => node.type === MACHINE_TYPE);
  const find = (id) => machines.find((node) => node.id === id);
  return find(selected) || find(shown) || machines[0] || null;
}

// The executions line under the title, from the machine's metrics.
export function executionsLine(metrics = {}) {
  const n = (name) => Number(metrics[name]) || 0;
  return `${n('OpenExecutionCount')} running · ${n('ExecutionsSucceeded')} succeeded · `
    + `${n('ExecutionsFailed')} failed · ${n('ExecutionsTimedOut')} timed out`;
}
