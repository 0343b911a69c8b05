/**
 * The overdue list: every invoice past its due date with something open, its days overdue, the
 * dunning level it reached and the last letter, from the reminder facts (what a level means
 * comes from src-shared/dunning).
 */
import type { LastLetter, OverdueInvoice, OverdueReport } from '../../src-shared/contract/index.js';
import { lastSent, type SentReminder } from '../../src-shared/dunning/levels.js';
import type { MessageKey } from '../../src-shared/i18n/index.js';
import type { ReportReminder } from './data.js';
import type { Receivables } from './receivables.js';
import { column, sumOf, type Words } from './table.js';

/** The last letter of each invoice by `asOf`: the one of the highest level (the dunning rule's `lastSent`). */
export function lastLetters(reminders: readonly Pick<ReportReminder, 'invoiceId' | 'level' | 'runDate' | 'number'>[], asOf: string): Map<string, LastLetter> {
  const sent = new Map<string, (SentReminder & { number: string })[]>();
  for (const r of reminders) {
    if (r.runDate > asOf) continue;
    const list = sent.get(r.invoiceId) ?? [];
    list.push({ level: r.level, runDate: r.runDate, deadline: '', fee: 0, flatFee: 0, number: r.number });
    sent.set(r.invoiceId, list);
  }
  const letters = new Map<string, LastLetter>();
  for (const [invoiceId, list] of sent) {
    const last = lastSent(list) as (SentReminder & { number: string }) | undefined;
    if (last) letters.set(invoiceId, { date: last.runDate, level: last.level, number: last.number });
  }
  return letters;
}

/** The name of a dunning level (0 Zahlungserinnerung … 3 letzte Mahnung); empty without a letter. */
export const levelLabel = (letter: LastLetter | undefined, words: Words) => (letter ? words(`reminders.level${letter.level}` as MessageKey) : '');

export function overdueInvoices(receivables: Receivables, letters: ReadonlyMap<string, LastLetter>, words: Words): OverdueInvoice[] {
  return receivables.items
    .filter((i) => i.overdue)
    .map((i) => {
      const letter = letters.get(i.invoiceId);
      return {
        invoiceId: i.invoiceId,
        number: i.number,
        customerId: i.customerId,
        customerName: i.customerName,
        issueDate: i.issueDate,
        dueDate: i.dueDate,
        daysOverdue: i.daysOverdue,
        amountDue: i.amountDue,
        open: i.open,
        level: letter?.level ?? null,
        levelLabel: levelLabel(letter, words),
        lastLetter: letter ?? null,
      };
    })
    .sort((a, b) => b.daysOverdue - a.daysOverdue || (a.number < b.number ? -1 : 1));
}

export function overdueReport(receivables: Receivables, letters: ReadonlyMap<string, LastLetter>, words: Words): OverdueReport {
  const items = overdueInvoices(receivables, letters, words);
  const view = { asOf: receivables.asOf, currency: receivables.currency, items, total: sumOf(items, (i) => i.open) };
  return {
    ...view,
    table: {
      title: 'reports.title.overdue',
      columns: [
        column('customer', 'reports.column.customer', 'text'),
        column('number', 'reports.column.number', 'text'),
        column('dueDate', 'reports.column.dueDate', 'date'),
        column('daysOverdue', 'reports.column.daysOverdue', 'days'),
        column('amountDue', 'reports.column.amountDue', 'money'),
        column('open', 'reports.column.open', 'money'),
        column('level', 'reports.column.level', 'text'),
        column('lastLetterDate', 'reports.column.lastLetterDate', 'date'),
        column('lastLetterNumber', 'reports.column.lastLetterNumber', 'text'),
      ],
      rows: items.map((i) => ({
        customer: i.customerName,
        number: i.number,
        dueDate: i.dueDate,
        daysOverdue: i.daysOverdue,
        amountDue: i.amountDue,
        open: i.open,
        level: i.levelLabel || null,
        lastLetterDate: i.lastLetter?.date ?? null,
        lastLetterNumber: i.lastLetter?.number || null,
      })),
      totals: { customer: words('reports.row.total'), open: view.total },
      currency: view.currency,
    },
  };
}
