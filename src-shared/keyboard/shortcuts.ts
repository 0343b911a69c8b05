/**
 * The screens in their sidebar order and the keyboard shortcuts, shared by the screens (which
 * answer the keys) and the shell's menu (which shows them). Keys are written as aria-keyshortcuts
 * values ("Alt+N", "Control+S").
 */
export const SCREENS = [
  'dashboard',
  'orders',
  'invoices',
  'approval',
  'payments',
  'cashbook',
  'reminders',
  'reports',
  'customers',
  'products',
  'mail',
  'maintenance',
  'conflicts',
  'settings',
] as const;
export type Screen = (typeof SCREENS)[number];

export type ShortcutAction = 'new' | 'save' | 'search' | 'help' | { screen: Screen };
export type Shortcut = { keys: string; action: ShortcutAction };

export const NEW_KEYS = 'Alt+N';
export const SAVE_KEYS = 'Control+S';
export const SEARCH_KEYS = 'Control+K';
export const HELP_KEYS = 'Shift+?';

/** Alt+1 … Alt+9 for the first nine screens, Alt+0 for the tenth. */
export function screenKeys(screen: Screen): string | null {
  const index = SCREENS.indexOf(screen);
  if (index < 0 || index > 9) return null;
  return `Alt+${(index + 1) % 10}`;
}

export function allShortcuts(): Shortcut[] {
  const screens = SCREENS.flatMap((screen): Shortcut[] => {
    const keys = screenKeys(screen);
    return keys ? [{ keys, action: { screen } }] : [];
  });
  return [{ keys: NEW_KEYS, action: 'new' }, { keys: SAVE_KEYS, action: 'save' }, { keys: SEARCH_KEYS, action: 'search' }, { keys: HELP_KEYS, action: 'help' }, ...screens];
}

/** The same keys as an Electron accelerator ("Control+S" → "CmdOrCtrl+S", "Shift+?" → "?"). */
export function acceleratorOf(keys: string): string {
  if (keys === HELP_KEYS) return '?';
  return keys.replace('Control+', 'CmdOrCtrl+');
}
