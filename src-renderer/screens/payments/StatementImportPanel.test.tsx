// @vitest-environment jsdom
/**
 * The statement import screen against the real services: a refused file is explained in the
 * screen's language with its numbers written the language's way, an empty file says it is empty,
 * and "Kontoauszug buchen" books once however often it is clicked, showing the result that booked.
 */
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../src-shared/contract/index.js';
import { team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { StatementImportPanel } from './StatementImportPanel.js';

let app: TestApp;
let t: Team;

/** The client of the bookkeeper, counting the calls of each handler. */
function counting(client: ApiClient): { client: ApiClient; calls: Map<string, number>; settled(): Promise<unknown> } {
  const calls = new Map<string, number>();
  const pending = new Set<Promise<unknown>>();
  return {
    calls,
    /** Every call sent so far has its answer (and the screen the next turn to show it). */
    settled: async () => {
      await Promise.allSettled([...pending]);
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    client: {
      invoke: (name, input) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        const answer = client.invoke(name, input);
        pending.add(answer);
        return answer;
      },
      on: (event, listener) => client.on(event, listener),
    },
  };
}

async function actAs(client: ApiClient, language: 'de' | 'en') {
  const user = await unwrap(client.invoke('auth.whoami', {}));
  useApp.setState({ api: client, user, toasts: [] });
  setLanguage(language);
  await i18next.changeLanguage(language);
}

const fixture = (name: string) => new File([fs.readFileSync(path.resolve('tests/fixtures/statements', name))], name);
const fileInput = () => document.querySelector('input[type="file"]') as HTMLInputElement;
const toastTexts = () => useApp.getState().toasts.map((toast) => toast.text);

beforeEach(async () => {
  app = await startTestApp(() => new Date('2026-12-02T09:00:00Z'));
  t = await team(app);
});
afterEach(async () => {
  cleanup();
  await app.stop();
});

describe('a statement file that is not imported, explained in the screen’s language', () => {
  it('tells in German, with German numbers, that the entries of a file do not add up', async () => {
    await actAs(t.bookkeeper, 'de');
    const user = userEvent.setup();
    render(<StatementImportPanel />);
    await user.upload(fileInput(), fixture('camt053-unbalanced.xml'));

    // The first file read starts the reader's worker thread, which takes a while on a busy machine.
    const alert = await screen.findByRole('alert', {}, { timeout: 15_000 });
    expect(alert.textContent).toContain('Die Datei wurde nicht importiert; nichts wurde gebucht:');
    expect(alert.textContent).toContain(
      'camt053-unbalanced.xml, Kontoauszug 2026-11-30-0001: Die Umsätze gehen nicht auf: Anfangssaldo 1.000,00 € plus Umsätze 262,80 € ergibt 1.262,80 €, der Endsaldo ist aber 1.262,81 €.'.replace(/ €/g, '\u00a0€'),
    );
    expect(alert.textContent).not.toMatch(/do not add up|1000\.00/);
  });

  it('names the line and column of broken XML and the element left open, in German, without the XML reader’s English', async () => {
    await actAs(t.bookkeeper, 'de');
    const user = userEvent.setup();
    render(<StatementImportPanel />);
    const open = fs.readFileSync(path.resolve('tests/fixtures/statements/camt053-v01.xml'), 'utf8').replace('</Stmt>', '');
    await user.upload(fileInput(), new File([open], 'offen.xml'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/offen\.xml, Zeile \d+, Spalte \d+: .*<\/BkToCstmrStmtV01> steht, wo <Stmt> aus Zeile 5 geschlossen werden müsste\./);
    expect(alert.textContent).not.toMatch(/Expected|closing tag|opened in/);

    await user.upload(fileInput(), fixture('camt053-truncated.xml'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/camt053-truncated\.xml, Zeile \d+, Spalte \d+: Die Datei ist kein gültiges XML; sie ist beschädigt oder abgeschnitten\./));

    await user.upload(fileInput(), new File(['hello'], 'notastatement.txt'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('notastatement.txt: Die Datei ist kein Kontoauszug im Format CAMT oder MT940 (eine CSV-Datei braucht eine Spaltenzuordnung).'));
  });

  it('says that an empty file is empty, in German and in English', async () => {
    await actAs(t.bookkeeper, 'de');
    const user = userEvent.setup();
    render(<StatementImportPanel />);
    await user.upload(fileInput(), new File([], 'leer.sta'));
    expect((await screen.findByRole('alert')).textContent).toContain('Die Datei ist leer');
    cleanup();

    await actAs(t.bookkeeper, 'en');
    render(<StatementImportPanel />);
    await user.upload(fileInput(), new File([], 'empty.sta'));
    expect((await screen.findByRole('alert')).textContent).toContain('The file is empty');
  });

  it('tells in English, with English numbers, that the entries do not add up', async () => {
    await actAs(t.bookkeeper, 'en');
    const user = userEvent.setup();
    render(<StatementImportPanel />);
    await user.upload(fileInput(), fixture('camt053-unbalanced.xml'));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'camt053-unbalanced.xml, statement 2026-11-30-0001: The entries do not add up: opening balance €1,000.00 plus entries €262.80 is €1,262.80, but the closing balance is €1,262.81.',
    );
  });
});

describe('a statement that cannot be checked against its balances', () => {
  it('shows the warning, books only after the user confirms, and never before', async () => {
    const { client, calls, settled } = counting(t.bookkeeper);
    await actAs(client, 'de');
    const user = userEvent.setup();
    render(<StatementImportPanel />);
    await user.upload(fileInput(), fixture('mt940-no-closing.sta'));
    expect(await screen.findByText('Kontoauszug 00240/001 hat keinen Endsaldo: ob seine Umsätze vollständig sind, konnte nicht geprüft werden.')).toBeTruthy();
    // One of each, in the singular.
    expect(screen.getByText(/: 1 Umsatz, 1 Eingang, /)).toBeTruthy();
    // The same file may be chosen again.
    expect(fileInput().value).toBe('');
    const book = screen.getByRole('button', { name: 'Kontoauszug buchen' }) as HTMLButtonElement;
    expect(book.disabled).toBe(true);
    await user.click(book);
    await settled();
    expect(calls.get('payments.importStatement')).toBeUndefined();

    await user.click(screen.getByRole('checkbox', { name: 'Ich habe die Umsätze selbst geprüft und möchte trotzdem buchen.' }));
    expect(book.disabled).toBe(false);
    await user.click(book);
    expect(await screen.findByText(/^1 Umsatz gebucht, 0 zugeordnet, 1 wartet auf Prüfung, 0 schon bekannt und übersprungen\.$/)).toBeTruthy();
    expect((await unwrap(t.bookkeeper.invoke('payments.list', {}))).total).toBe(1);
  });

  it('says on the entry where the reader took the value date, in English', async () => {
    await actAs(t.bookkeeper, 'en');
    const user = userEvent.setup();
    render(<StatementImportPanel />);
    await user.upload(fileInput(), fixture('mt940-pages.sta'));
    expect(await screen.findByText(/^Value date as the bank wrote it: (30 Feb 2026|02\/30\/2026) \(not a calendar day\); the last day of the month was taken\.$/)).toBeTruthy();
    expect(screen.queryByRole('checkbox')).toBeNull();
  });
});

describe('booking a statement', () => {
  it('books once on a double click on "Kontoauszug buchen" and shows the result that booked', async () => {
    const { client, calls, settled } = counting(t.bookkeeper);
    await actAs(client, 'de');
    const user = userEvent.setup();
    render(<StatementImportPanel />);
    await user.upload(fileInput(), fixture('mt940-latin1.sta'));
    const book = await screen.findByRole('button', { name: 'Kontoauszug buchen' });

    await user.dblClick(book);
    expect(await screen.findByText('4 Umsätze gebucht, 0 zugeordnet, 2 warten auf Prüfung, 0 schon bekannt und übersprungen.')).toBeTruthy();
    // Every call the clicks sent has its answer.
    await settled();
    expect(calls.get('payments.importStatement')).toBe(1);
    expect(toastTexts()).toEqual(['4 Umsätze gebucht']);
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toEqual(['4 Umsätze gebucht, 0 zugeordnet, 2 warten auf Prüfung, 0 schon bekannt und übersprungen.']);
    expect((await unwrap(t.bookkeeper.invoke('payments.list', {}))).total).toBe(4);
  });

  it('offers no booking of a statement whose entries are all booked already, and says so', async () => {
    await unwrap(t.bookkeeper.invoke('payments.importStatement', { fileName: 'mt940-latin1.sta', dataBase64: fs.readFileSync(path.resolve('tests/fixtures/statements/mt940-latin1.sta')).toString('base64'), autoAllocate: false }));
    const { client, calls } = counting(t.bookkeeper);
    await actAs(client, 'de');
    const user = userEvent.setup();
    render(<StatementImportPanel />);
    await user.upload(fileInput(), fixture('mt940-latin1.sta'));
    expect(await screen.findByText('Alle Umsätze dieses Kontoauszugs sind schon gebucht; es gibt nichts zu buchen.')).toBeTruthy();
    const book = screen.getByRole('button', { name: 'Kontoauszug buchen' }) as HTMLButtonElement;
    expect(book.disabled).toBe(true);
    await user.click(book);
    expect(calls.get('payments.importStatement')).toBeUndefined();
  });
});
