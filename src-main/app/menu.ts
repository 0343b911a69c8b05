import type { MenuItemConstructorOptions } from 'electron';
import { translate, type Language, type MessageKey } from '../../src-shared/i18n/index.js';
import { acceleratorOf, HELP_KEYS, NEW_KEYS, SAVE_KEYS, SCREENS, screenKeys, SEARCH_KEYS, type ShortcutAction } from '../../src-shared/keyboard/shortcuts.js';

export type MenuActions = {
  setLanguage(language: Language): void;
  about(): void;
  /** Hands a shortcut's action to the window's screens, which run it as if its keys were pressed. */
  shortcut(action: ShortcutAction): void;
};

/**
 * A menu item that shows a shortcut's keys. The screens answer the keys themselves
 * (`registerAccelerator: false`), so a key press never runs twice; a click sends the action.
 */
function shortcutItem(label: string, keys: string | null, action: ShortcutAction, actions: MenuActions): MenuItemConstructorOptions {
  return { label, ...(keys ? { accelerator: acceleratorOf(keys), registerAccelerator: false } : {}), click: () => actions.shortcut(action) };
}

/** The application menu in the user's language; rebuilt when the language changes. */
export function menuTemplate(language: Language, actions: MenuActions, isMac: boolean): MenuItemConstructorOptions[] {
  const t = (key: MessageKey) => translate(language, key);
  const languageMenu: MenuItemConstructorOptions = {
    label: t('menu.language'),
    submenu: (['de', 'en'] as const).map((lang) => ({
      label: translate(lang, lang === 'de' ? 'common.german' : 'common.english'),
      type: 'radio',
      checked: lang === language,
      click: () => actions.setLanguage(lang),
    })),
  };
  return [
    ...(isMac ? [{ label: t('app.name'), submenu: [{ label: t('menu.about'), click: actions.about }, { type: 'separator' }, { role: 'quit', label: t('menu.quit') }] } as MenuItemConstructorOptions] : []),
    { label: t('menu.file'), submenu: [languageMenu, { type: 'separator' }, { role: isMac ? 'close' : 'quit', label: t('menu.quit') }] },
    {
      label: t('menu.edit'),
      submenu: [
        shortcutItem(t('menu.newRecord'), NEW_KEYS, 'new', actions),
        shortcutItem(t('menu.save'), SAVE_KEYS, 'save', actions),
        shortcutItem(t('menu.search'), SEARCH_KEYS, 'search', actions),
        { type: 'separator' },
        { role: 'undo', label: t('menu.undo') },
        { role: 'redo', label: t('menu.redo') },
        { type: 'separator' },
        { role: 'cut', label: t('menu.cut') },
        { role: 'copy', label: t('menu.copy') },
        { role: 'paste', label: t('menu.paste') },
        { role: 'selectAll', label: t('menu.selectAll') },
      ],
    },
    {
      label: t('menu.view'),
      submenu: [
        { role: 'reload', label: t('menu.reload') },
        { type: 'separator' },
        { role: 'zoomIn', label: t('menu.zoomIn') },
        { role: 'zoomOut', label: t('menu.zoomOut') },
        { role: 'resetZoom', label: t('menu.resetZoom') },
        { role: 'togglefullscreen', label: t('menu.fullscreen') },
      ],
    },
    { label: t('menu.goTo'), submenu: SCREENS.map((screen) => shortcutItem(t(`nav.${screen}`), screenKeys(screen), { screen }, actions)) },
    { label: t('menu.window'), submenu: [{ role: 'minimize', label: t('menu.minimize') }, { role: 'close', label: t('common.close') }] },
    { label: t('menu.help'), submenu: [shortcutItem(t('menu.shortcuts'), HELP_KEYS, 'help', actions), { type: 'separator' }, { label: t('menu.about'), click: actions.about }] },
  ];
}
