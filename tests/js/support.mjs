// Shared helpers for the browser model's unit tests (run by `node --test`, see
// tests/test_js_units.py): the bus the modules talk through, and a recorder of what it carried.

import { Bus } from '../../static/designer/js/model/bus.js';

export { Bus };

// A bus and the events of the given types it carried, in order: [[type, detail], ...].
export function recordingBus(...types) {
  const bus = new Bus();
  const seen = [];
  for (const type of types) bus.on(type, (detail) => seen.push([type, detail]));
  return { bus, seen };
}
