import type { Dispatch } from './dispatcher.js';
import type { EventBus } from './events.js';

/**
 * What a transport (IPC, WebSocket bridge, in-memory client) needs of the main process: the
 * dispatcher, the events to push, and the logins, to push only to sessions still logged in.
 */
export type Endpoint = {
  dispatch: Dispatch;
  bus: Pick<EventBus, 'subscribe'>;
  tokens: { userOf(token: string): string | undefined };
};
