// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import i18next, { setLanguage } from '../i18n.js';
import { documentLabel } from '../screens/invoices/labels.js';
import { Pager } from './Pager.js';

beforeAll(async () => {
  setLanguage('de');
  await i18next.changeLanguage('de');
});
afterEach(cleanup);

describe('texts that read well', () => {
  it('the pager counts one entry in the singular and more in the plural, in German and English', async () => {
    const { rerender } = render(<Pager page={0} pageSize={50} total={1} onPage={() => undefined} />);
    expect(screen.getByText('Seite 1 von 1 · 1 Eintrag')).toBeTruthy();
    rerender(<Pager page={0} pageSize={50} total={2} onPage={() => undefined} />);
    expect(screen.getByText('Seite 1 von 1 · 2 Einträge')).toBeTruthy();
    await i18next.changeLanguage('en');
    rerender(<Pager page={0} pageSize={50} total={1} onPage={() => undefined} />);
    expect(screen.getByText('Page 1 of 1 · 1 entry')).toBeTruthy();
    await i18next.changeLanguage('de');
  });

  it('a document without its number yet is a "Rechnungsentwurf" or "Gutschriftsentwurf"', () => {
    const t = i18next.getFixedT('de');
    expect(documentLabel(t, { documentType: 'invoice', number: '' })).toBe('Rechnungsentwurf');
    expect(documentLabel(t, { documentType: 'creditNote', number: '' })).toBe('Gutschriftsentwurf');
    expect(documentLabel(t, { documentType: 'invoice', number: 'RE-2026-A-000001' })).toBe('Rechnung RE-2026-A-000001');
    expect(documentLabel(i18next.getFixedT('en'), { documentType: 'invoice', number: '' })).toBe('Draft invoice');
  });
});
