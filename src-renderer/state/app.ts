import { create } from 'zustand';
import type { ApiClient, AppErrorValue, AppStatus, PublicUser, Result } from '../../src-shared/contract/index.js';
import { SCREENS, type Screen } from '../../src-shared/keyboard/shortcuts.js';

export { SCREENS, type Screen };

/** Parameters a link passes to the screen it opens, e.g. `go('reports', { tab: 'overdue', customerId })`. */
export type ScreenParams = Readonly<Record<string, string | undefined>>;

export type Toast = { id: number; kind: 'success' | 'error' | 'info'; text: string };

type AppState = {
  api: ApiClient | null;
  status: AppStatus | null;
  user: PublicUser | null;
  screen: Screen;
  /** Counts the moves through the sidebar (and links): going to the screen shown starts it afresh, at its list. */
  visit: number;
  toasts: Toast[];
  connectionLost: boolean;
  /** A record another screen asked to show (e.g. the invoice just created from an order). */
  pending: { screen: Screen; id: string } | null;
  /** The parameters of the last `go`; they hold until the next move to another screen. */
  params: { screen: Screen; values: ScreenParams } | null;
  setApi(api: ApiClient): void;
  setStatus(status: AppStatus): void;
  setUser(user: PublicUser | null): void;
  /** Goes to `screen`, optionally with parameters the screen reads through `screenParams`. */
  go(screen: Screen, params?: ScreenParams): void;
  /** The parameters passed to `screen` by the move that opened it (empty when none). */
  screenParams(screen: Screen): ScreenParams;
  /** Goes to `screen` and asks it to show the record `id`. */
  open(screen: Screen, id: string): void;
  /** The record id asked for `screen`, once. */
  takePending(screen: Screen): string | null;
  toast(kind: Toast['kind'], text: string): void;
  dismiss(id: number): void;
  setConnectionLost(): void;
};

let toastId = 0;

function screenFromHash(): Screen {
  const name = location.hash.replace(/^#\/?/, '');
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : 'dashboard';
}

export const useApp = create<AppState>((set, get) => ({
  api: null,
  status: null,
  user: null,
  screen: screenFromHash(),
  visit: 0,
  toasts: [],
  connectionLost: false,
  pending: null,
  params: null,
  setApi: (api) => set({ api }),
  setStatus: (status) => set({ status }),
  setUser: (user) => set({ user }),
  go: (screen, params) => {
    if (location.hash !== `#/${screen}`) location.hash = `#/${screen}`;
    set((s) => ({ screen, visit: s.visit + 1, params: params ? { screen, values: params } : null }));
  },
  screenParams: (screen) => {
    const params = get().params;
    return params?.screen === screen ? params.values : {};
  },
  open: (screen, id) => {
    set({ pending: { screen, id } });
    get().go(screen);
  },
  takePending: (screen) => {
    const pending = get().pending;
    if (pending?.screen !== screen) return null;
    set({ pending: null });
    return pending.id;
  },
  toast: (kind, text) => {
    const id = ++toastId;
    // The newest three; older ones would only cover the screen.
    set((s) => ({ toasts: [...s.toasts, { id, kind, text }].slice(-3) }));
    setTimeout(() => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), kind === 'error' ? 8000 : 4000);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  setConnectionLost: () => set({ connectionLost: true }),
}));

window.addEventListener('hashchange', () => {
  const screen = screenFromHash();
  // Parameters belong to the screen they were passed to; a move elsewhere by address drops them.
  useApp.setState((s) => (s.screen === screen ? { screen } : { screen, params: null }));
});

/** The API of the running app; screens call it only after the connection is up. */
export function api(): ApiClient {
  const client = useApp.getState().api;
  if (!client) throw new Error('Not connected');
  return client;
}

export type Failure = AppErrorValue;
export function failure<T>(result: Result<T>): Failure | null {
  return result.ok ? null : result.error;
}
