// The one EventTarget the editor's parts talk through: models emit, views and the app listen.
// Events are plain `Event`s carrying a `detail` (as a CustomEvent does), so the bus runs
// wherever EventTarget does: the browser, and Node for model/'s unit tests (tests/js/).

class BusEvent extends Event {
  constructor(type, detail) {
    super(type);
    this.detail = detail;
  }
}

export class Bus extends EventTarget {
  emit(type, detail = {}) {
    this.dispatchEvent(new BusEvent(type, detail));
  }

  // Listens to `type` with a handler that gets the event's detail; returns the unsubscriber.
  on(type, handler) {
    const listener = (event) => handler(event.detail);
    this.addEventListener(type, listener);
    return () => this.removeEventListener(type, listener);
  }
}
