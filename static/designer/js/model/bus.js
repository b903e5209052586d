// The one EventTarget the editor's parts talk through: models emit, views and the app listen.

export class Bus extends EventTarget {
  emit(type, detail = {}) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  // Listens to `type` with a handler that gets the event's detail; returns the unsubscriber.
  on(type, handler) {
    const listener = (event) => handler(event.detail);
    this.addEventListener(type, listener);
    return () => this.removeEventListener(type, listener);
  }
}
