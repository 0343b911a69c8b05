import type { TFunction } from 'i18next';
import { SCREENS, type Shortcut } from '../../src-shared/keyboard/shortcuts.js';

export { allShortcuts, HELP_KEYS, NEW_KEYS, SAVE_KEYS, screenKeys, SEARCH_KEYS, type Shortcut } from '../../src-shared/keyboard/shortcuts.js';

/** "Control+S" as the user's keyboard labels it ("Strg+S" in German). */
export function keysLabel(t: TFunction, keys: string): string {
  return keys
    .split('+')
    .map((part) => (part === 'Control' ? t('keyboard.ctrl') : part === 'Alt' ? t('keyboard.alt') : part === 'Shift' ? t('keyboard.shift') : part))
    .join('+')
    .replace(`${t('keyboard.shift')}+?`, '?');
}

/** Tooltip and aria-keyshortcuts for a control with a shortcut. */
export function shortcutProps(t: TFunction, keys: string): { title: string; 'aria-keyshortcuts': string } {
  return { title: t('keyboard.shortcut', { keys: keysLabel(t, keys) }), 'aria-keyshortcuts': keys };
}

/** The shortcut a key press means, or null. Typing "?" in a field is text, not the help. */
export function shortcutOf(event: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>, typing: boolean): Shortcut['action'] | null {
  const ctrl = event.ctrlKey || event.metaKey;
  if (ctrl && !event.altKey && event.key.toLowerCase() === 's') return 'save';
  if (ctrl && !event.altKey && event.key.toLowerCase() === 'k') return 'search';
  if (event.altKey && !ctrl) {
    // The code, not the key: Alt with a letter types a special character on a Mac.
    if (event.code === 'KeyN') return 'new';
    const digit = /^Digit(\d)$/.exec(event.code)?.[1];
    if (digit !== undefined) {
      const index = (Number(digit) + 9) % 10;
      const screen = SCREENS[index];
      return screen ? { screen } : null;
    }
  }
  if (!typing && !ctrl && !event.altKey && event.key === '?') return 'help';
  return null;
}

/** True while the user types into a field, where plain keys are text. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Runs a shortcut's action in `main`: "new" presses the screen's new-record button, "save" submits
 * the form that has focus (or presses the screen's save button), "search" goes to the search field.
 */
export function runInMain(main: HTMLElement, action: 'new' | 'save' | 'search'): boolean {
  if (action === 'new') return press(main.querySelector<HTMLButtonElement>('[data-shortcut="new"]'));
  if (action === 'search') {
    const field = main.querySelector<HTMLInputElement>('input[type="search"]');
    if (!field) return false;
    field.focus();
    field.select();
    return true;
  }
  const active = document.activeElement;
  const form = active instanceof HTMLElement && main.contains(active) ? active.closest('form') : null;
  const button = (form ?? main).querySelector<HTMLButtonElement>('[data-shortcut="save"]') ?? form?.querySelector<HTMLButtonElement>('button[type="submit"]');
  return press(button ?? null);
}

function press(button: HTMLButtonElement | null): boolean {
  if (!button || button.disabled) return false;
  button.click();
  return true;
}
