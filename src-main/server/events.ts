import type { CustomerView, EventName, Events } from '../../src-shared/contract/index.js';

type Listener = (event: EventName, payload: Events[EventName]) => void;

/**
 * What happened in the books, told to the capabilities that follow it (documents are frozen after
 * issuing, mail goes out after an order is confirmed). Never sent to screens.
 */
export type DomainEvents = {
  'invoices.issued': { ids: string[]; userId: string };
  'order.confirmed': { orderId: string; userId: string };
  'customer.changed': { before: CustomerView; after: CustomerView; userId: string };
};
export type DomainEventName = keyof DomainEvents;

/**
 * The one event bus of the main process: events pushed to every connected screen (IPC windows,
 * WebSocket clients, tests) and domain events between capabilities, delivered in order to each
 * listener; one broken listener never stops the others.
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();
  private readonly domain = new Map<DomainEventName, Set<(payload: never) => void>>();

  constructor(private readonly onListenerError: (event: string, error: unknown) => void = () => undefined) {}

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

  /** Tells every capability that follows `event`; listeners start their own work and return at once. */
  publish<E extends DomainEventName>(event: E, payload: DomainEvents[E]): void {
    for (const listener of this.domain.get(event) ?? []) {
      try {
        (listener as (payload: DomainEvents[E]) => void)(payload);
      } catch (error) {
        this.onListenerError(event, error);
      }
    }
  }

  on<E extends DomainEventName>(event: E, listener: (payload: DomainEvents[E]) => void): () => void {
    const set = this.domain.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.domain.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  }
}
