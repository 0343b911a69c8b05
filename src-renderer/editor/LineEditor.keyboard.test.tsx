// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import i18next, { setLanguage } from '../i18n.js';
import { LineEditor } from './LineEditor.js';
import { newLine, type EditorLine } from './lines.js';

beforeAll(async () => {
  setLanguage('de');
  await i18next.changeLanguage('de');
});
afterEach(cleanup);

/** The line editor inside a form, as the order and invoice editors use it. */
function Harness({ initial, onSubmit }: { initial: number; onSubmit(): void }) {
  const [lines, setLines] = useState<EditorLine[]>(() => Array.from({ length: initial }, () => newLine()));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <LineEditor lines={lines} onChange={setLines} products={[]} known={new Map()} customer={null} lineNet={new Map()} currency="EUR" errors={{}} />
      <button type="submit">Speichern</button>
    </form>
  );
}

const field = (name: string, n: number) => screen.getByRole(name === 'Artikel' || name === 'USt. (%)' ? 'combobox' : 'textbox', { name: `${name}, Position ${n}` });

describe('line editor by keyboard', () => {
  it('"+ Position hinzufügen" puts focus on the new line\'s first field', async () => {
    const user = userEvent.setup();
    render(<Harness initial={1} onSubmit={() => {}} />);
    await user.click(screen.getByRole('button', { name: /Position hinzufügen/ }));
    expect(screen.getAllByRole('row')).toHaveLength(3);
    expect(document.activeElement).toBe(field('Artikel', 2));
  });

  it('removing a line focuses the line that took its place, the one before it, or the add button', async () => {
    const user = userEvent.setup();
    render(<Harness initial={3} onSubmit={() => {}} />);
    await user.click(screen.getByRole('button', { name: 'Position 2 entfernen' }));
    // The former third line is now line 2.
    expect(document.activeElement).toBe(field('Artikel', 2));
    await user.click(screen.getByRole('button', { name: 'Position 2 entfernen' }));
    expect(document.activeElement).toBe(field('Artikel', 1));
    await user.click(screen.getByRole('button', { name: 'Position 1 entfernen' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /Position hinzufügen/ }));
  });

  it('Enter in a line field moves to the next field and never submits the form', async () => {
    const user = userEvent.setup();
    const submitted = vi.fn();
    render(<Harness initial={2} onSubmit={submitted} />);
    await user.click(field('Menge', 1));
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(field('Einzelpreis (netto)', 1));
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(field('Rabatt (%)', 1));
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(field('USt. (%)', 1));
    await user.keyboard('{Enter}');
    // The end of a line continues on the next line.
    expect(document.activeElement).toBe(field('Artikel', 2));
    expect(submitted).not.toHaveBeenCalled();
  });

  it('Enter in the last field of the last line adds a line and goes there', async () => {
    const user = userEvent.setup();
    const submitted = vi.fn();
    render(<Harness initial={1} onSubmit={submitted} />);
    await user.click(field('Rabatt (%)', 1));
    await user.keyboard('{Enter}{Enter}');
    expect(screen.getAllByRole('row')).toHaveLength(3);
    expect(document.activeElement).toBe(field('Artikel', 2));
    expect(submitted).not.toHaveBeenCalled();
  });
});
