import type { EventName, Events } from '../../src-shared/contract/index.js';

type Listener = (event: EventName, payload: Events[EventName]) => void;

/** Fan-out of pushed events to every connected screen (IPC windows, WebSocket clients, tests). */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // One broken listener (a closed socket) must not stop the others.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
