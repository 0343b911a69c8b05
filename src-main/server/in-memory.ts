import type { ApiClient, EventName, Events, HandlerName, InputOf, OutputOf, Result } from '../../src-shared/contract/index.js';
import type { Endpoint } from './endpoint.js';
import { newSession, receivesEvents } from './session.js';

/** The contract called directly, with a session of its own, as tests and scripts use it. */
export function createInMemoryClient(services: Endpoint): ApiClient {
  const session = newSession();
  return {
    invoke<N extends HandlerName>(name: N, input: InputOf<N>) {
      // Through JSON like the other transports, so no handler can depend on object identity.
      const wire = input === undefined ? undefined : JSON.parse(JSON.stringify(input));
      return services.dispatch(name, wire, session).then((r) => JSON.parse(JSON.stringify(r)) as Result<OutputOf<N>>);
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      return services.bus.subscribe((name, payload) => {
        if (name === event && receivesEvents(session, services.tokens)) listener(payload as Events[E]);
      });
    },
  };
}
