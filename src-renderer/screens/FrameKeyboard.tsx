import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../state/app.js';
import type { Translate } from '../translate.js';
import { Dialog } from '../ui/feedback.js';
import { focusElement, headingIn, keepFocus, pageTitle } from '../ui/focus.js';
import { allShortcuts, HELP_KEYS, isTyping, keysLabel, runInMain, shortcutOf, shortcutProps, type Shortcut } from '../ui/shortcuts.js';

/** The first stop of the page: straight to the main area. */
export function SkipLink({ main }: { main: RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
  return (
    <a
      className="skip-link"
      href="#main"
      onClick={(event) => {
        // The address carries the screen: jump by focus, not by the link's target.
        event.preventDefault();
        const root = main.current;
        if (root) focusElement(headingIn(root) ?? root);
      }}
    >
      {t('keyboard.skipToMain')}
    </a>
  );
}

/**
 * The main area keeps the keyboard user's place (a new screen or record: its heading), the window
 * title names the place, and the shortcuts work everywhere in the frame.
 */
export function useFrameKeyboard(main: RefObject<HTMLElement | null>, openHelp: () => void): void {
  const { t } = useTranslation();
  const screen = useApp((s) => s.screen);
  const [heading, setHeading] = useState('');

  useEffect(() => {
    const root = main.current;
    if (!root) return;
    return keepFocus(root, setHeading);
  }, [main]);

  useEffect(() => {
    document.title = pageTitle([heading, t(`nav.${screen}`), t('app.name')]);
  }, [heading, screen, t]);

  useEffect(() => {
    /** Runs a shortcut; false when a modal dialog has the keyboard to itself. */
    const run = (action: Shortcut['action']): boolean => {
      const root = main.current;
      if (!root || document.querySelector('dialog[open]')) return false;
      if (action === 'help') openHelp();
      else if (typeof action === 'object') useApp.getState().go(action.screen);
      else runInMain(root, action);
      return true;
    };
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutOf(event, isTyping(event.target));
      if (action !== null && run(action)) event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    // The same actions chosen in the shell's menu.
    const off = useApp.getState().api?.on('app.shortcut', ({ action }) => void run(action));
    return () => {
      document.removeEventListener('keydown', onKey);
      off?.();
    };
  }, [main, openHelp]);
}

function actionText(t: Translate, action: Shortcut['action']): string {
  if (typeof action === 'object') return t('keyboard.screen', { screen: t(`nav.${action.screen}`) });
  if (action === 'help') return t('keyboard.showHelp');
  return t(`keyboard.${action}`);
}

/** The button in the top bar and the dialog that lists every shortcut. */
export function KeyboardHelp({ open, onOpen, onClose }: { open: boolean; onOpen(): void; onClose(): void }) {
  const { t } = useTranslation();
  const rows: { keys: string; text: string }[] = [
    ...allShortcuts().map((s) => ({ keys: keysLabel(t, s.keys), text: actionText(t, s.action) })),
    { keys: 'Enter', text: t('keyboard.nextField') },
    { keys: 'Esc', text: t('keyboard.close') },
  ];
  return (
    <>
      <button type="button" className="btn btn-ghost" onClick={onOpen} {...shortcutProps(t, HELP_KEYS)}>
        {t('keyboard.helpButton')}
      </button>
      <Dialog open={open} title={t('keyboard.help')} onClose={onClose}>
        <table className="shortcut-list">
          <caption className="visually-hidden">{t('keyboard.help')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('keyboard.keys')}</th>
              <th scope="col">{t('keyboard.action')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.keys}>
                <td>
                  <kbd>{row.keys}</kbd>
                </td>
                <td>{row.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="form-actions">
          <button type="button" className="btn btn-primary" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </Dialog>
    </>
  );
}

