import { expect, it } from 'vitest';
import { menuTemplate } from './menu.js';

it('builds the menu in German and English', () => {
  const actions = { setLanguage: () => undefined, about: () => undefined, shortcut: () => undefined };
  expect(menuTemplate('de', actions, false).map((m) => m.label)).toEqual(['Datei', 'Bearbeiten', 'Ansicht', 'Gehe zu', 'Fenster', 'Hilfe']);
  expect(menuTemplate('en', actions, false).map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Go to', 'Window', 'Help']);
  expect(menuTemplate('en', actions, true)[0]!.label).toBe('Rechnungswerk');
});

it('shows every keyboard shortcut in the menus, in German and English, and hands a click to the screens', () => {
  const chosen: unknown[] = [];
  const actions = { setLanguage: () => undefined, about: () => undefined, shortcut: (action: unknown) => chosen.push(action) };
  const de = menuTemplate('de', actions, false);
  const items = (label: string) => (de.find((m) => m.label === label)!.submenu as { label?: string; accelerator?: string; registerAccelerator?: boolean; click?: () => void }[]);
  expect(items('Gehe zu').slice(0, 3).map((i) => [i.label, i.accelerator])).toEqual([['Übersicht', 'Alt+1'], ['Aufträge', 'Alt+2'], ['Rechnungen', 'Alt+3']]);
  expect(items('Bearbeiten').slice(0, 3).map((i) => [i.label, i.accelerator])).toEqual([['Neu', 'Alt+N'], ['Speichern', 'CmdOrCtrl+S'], ['Suchen', 'CmdOrCtrl+K']]);
  expect(items('Hilfe')[0]).toMatchObject({ label: 'Tastenkürzel', accelerator: '?' });
  // The screens answer the keys themselves: the menu must not take them as well.
  expect(items('Gehe zu').every((i) => i.registerAccelerator === false || i.accelerator === undefined)).toBe(true);
  items('Gehe zu')[1]!.click!();
  items('Bearbeiten')[1]!.click!();
  expect(chosen).toEqual([{ screen: 'orders' }, 'save']);
  const en = menuTemplate('en', actions, false);
  expect(en.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Go to', 'Window', 'Help']);
});
