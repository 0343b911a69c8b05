// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import i18next, { setLanguage } from '../i18n.js';
import { keysLabel, screenKeys, shortcutOf } from './shortcuts.js';

const key = (init: Partial<KeyboardEvent>) => ({ key: '', code: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...init });

describe('keyboard shortcuts', () => {
  it('Alt+N is "new", Ctrl+S (Cmd+S) "save", Ctrl+K "search", Alt+digit a screen', () => {
    expect(shortcutOf(key({ key: 'n', code: 'KeyN', altKey: true }), true)).toBe('new');
    // On a Mac, Alt+N types "˜": the physical key counts.
    expect(shortcutOf(key({ key: '˜', code: 'KeyN', altKey: true }), true)).toBe('new');
    expect(shortcutOf(key({ key: 's', code: 'KeyS', ctrlKey: true }), true)).toBe('save');
    expect(shortcutOf(key({ key: 's', code: 'KeyS', metaKey: true }), false)).toBe('save');
    expect(shortcutOf(key({ key: 'k', code: 'KeyK', ctrlKey: true }), true)).toBe('search');
    expect(shortcutOf(key({ key: '2', code: 'Digit2', altKey: true }), true)).toEqual({ screen: 'orders' });
    expect(shortcutOf(key({ key: '0', code: 'Digit0', altKey: true }), false)).toEqual({ screen: 'products' });
    expect(screenKeys('orders')).toBe('Alt+2');
    expect(screenKeys('settings')).toBeNull();
  });

  it('"?" opens the help outside fields only; plain letters are text', () => {
    expect(shortcutOf(key({ key: '?', code: 'Minus', shiftKey: true }), false)).toBe('help');
    expect(shortcutOf(key({ key: '?', code: 'Minus', shiftKey: true }), true)).toBeNull();
    expect(shortcutOf(key({ key: 'n', code: 'KeyN' }), false)).toBeNull();
    // AltGr (Ctrl+Alt) types characters such as @ on German keyboards.
    expect(shortcutOf(key({ key: 'q', code: 'KeyQ', ctrlKey: true, altKey: true }), true)).toBeNull();
  });

  it('names the keys as the keyboard labels them, in German and English', async () => {
    setLanguage('de');
    await i18next.changeLanguage('de');
    expect(keysLabel(i18next.t, 'Control+S')).toBe('Strg+S');
    expect(keysLabel(i18next.t, 'Shift+?')).toBe('?');
    await i18next.changeLanguage('en');
    expect(keysLabel(i18next.t, 'Control+S')).toBe('Ctrl+S');
  });
});
