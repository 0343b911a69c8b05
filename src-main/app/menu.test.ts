import { expect, it } from 'vitest';
import { menuTemplate } from './menu.js';

it('builds the menu in German and English', () => {
  const actions = { setLanguage: () => undefined, about: () => undefined };
  expect(menuTemplate('de', actions, false).map((m) => m.label)).toEqual(['Datei', 'Bearbeiten', 'Ansicht', 'Fenster', 'Hilfe']);
  expect(menuTemplate('en', actions, false).map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  expect(menuTemplate('en', actions, true)[0]!.label).toBe('Rechnungswerk');
});
