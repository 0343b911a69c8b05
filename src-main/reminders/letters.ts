/**
 * A reminder as the customer gets it: the letter (PDF, from the reminder fact alone, so it prints
 * the same today and in a year) and the mail it goes with, in the customer's language, and the
 * internal notice to the account manager and customer service.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PartySnapshot, ReminderLetterView, ReminderProposal } from '../../src-shared/contract/index.js';
import { daysBetween, ruleOf, type DunningRules } from '../../src-shared/dunning/levels.js';
import { translate, translateKnown, type MessageKey } from '../../src-shared/i18n/index.js';
import { formatIban } from '../../src-shared/validation/iban.js';
import { formatDate as formatDocumentDate, formatMoney } from '../../src-shared/format/document.js';
import { ensurePrivateDir, writePrivateFile } from '../store/private-files.js';
import type { CustomerDoc, InvoiceDoc } from '../store/schemas/books.js';
import type { FactDoc } from '../store/schemas/facts.js';
import type { ReminderContext } from './context.js';
import type { ReminderMessage } from './ports.js';

type Lang = 'de' | 'en';
type ReminderFact = NonNullable<FactDoc['reminder']>;
type LetterContext = Pick<ReminderContext, 'core' | 'ports'>;

export const letterNumberOf = (invoiceNumber: string, level: number) => `${invoiceNumber}-M${level}`;
export const reminderMailKey = (factId: string) => `reminder:${factId}`;

/**
 * What a letter prints besides the amounts. The company's letterhead is kept once per version,
 * content-addressed (`letterhead-<hash>` in the settings), and referred to by `sellerRef`.
 */
export type LetterSnapshot = { seller?: PartySnapshot; sellerRef?: string; buyer: PartySnapshot; text: string; periods: NonNullable<ReminderLetterView['items'][number]['interestPeriods']> };

export const letterheadOf = (seller: PartySnapshot) => {
  const json = JSON.stringify(seller);
  return { ref: createHash('sha256').update(json).digest('hex').slice(0, 24), json };
};

async function keptSeller({ core }: LetterContext, kept: LetterSnapshot | null): Promise<PartySnapshot | undefined> {
  if (kept?.seller) return kept.seller;
  if (!kept?.sellerRef) return undefined;
  const doc = await core.books.db.settings.findOne(`letterhead-${kept.sellerRef}`).exec();
  return doc?.preference ? (JSON.parse(doc.preference.value) as PartySnapshot) : undefined;
}

function snapshotOf(r: ReminderFact): LetterSnapshot | null {
  try {
    return r.snapshot ? (JSON.parse(r.snapshot) as LetterSnapshot) : null;
  } catch {
    return null;
  }
}

/**
 * The letter of a reminder fact: parties, text and interest periods as they were that day when
 * the fact has them; the company's and customer's current data for older facts.
 */
export async function letterOf(ctx: LetterContext, r: ReminderFact, invoice: InvoiceDoc, customer: CustomerDoc, rules: DunningRules, seller?: PartySnapshot): Promise<ReminderLetterView> {
  const kept = snapshotOf(r);
  const from = (await keptSeller(ctx, kept)) ?? seller ?? (await ctx.ports.seller());
  return {
    number: r.number ?? letterNumberOf(invoice.number, r.level),
    date: r.runDate,
    level: r.level,
    language: r.language ?? (customer.language === 'en' ? 'en' : 'de'),
    currency: r.currency ?? invoice.currency,
    seller: from,
    buyer: kept?.buyer ?? ctx.ports.buyerOf(customer),
    items: [
      {
        invoiceNumber: invoice.number,
        issueDate: invoice.issueDate ?? '',
        dueDate: invoice.dueDate,
        daysOverdue: Math.max(0, daysBetween(invoice.dueDate, r.runDate)),
        openAmount: r.openAmount ?? 0,
        interest: r.interest ?? 0,
        ...(kept?.periods.length ? { interestPeriods: kept.periods } : {}),
      },
    ],
    // Level fees and the § 288 Abs. 5 BGB lump sum are different things and printed apart.
    fee: (r.fee ?? 0) + (r.earlierFees ?? 0),
    flatFee: r.flatFee ?? 0,
    interestRate: r.interestRate ?? '',
    payBy: r.deadline ?? r.runDate,
    text: kept?.text ?? ruleOf(rules, r.level)?.text ?? '',
  };
}

/** The fact fields of a proposal, as the run writes them (with what the letter prints that day). */
export function factFieldsOf(p: ReminderProposal, runDate: string, snapshot: Omit<LetterSnapshot, 'periods'>): ReminderFact {
  const periods = p.interestPeriods.map(({ from, to, days, principal, baseRate, margin, rate, amount }) => ({ from, to, days, principal, baseRate, margin, rate, amount }));
  return {
    invoiceId: p.invoiceId,
    level: p.level,
    runDate,
    fee: p.fee,
    interest: p.interest,
    deadline: p.deadline,
    customerId: p.customerId,
    number: letterNumberOf(p.invoiceNumber, p.level),
    openAmount: p.openAmount,
    currency: p.currency,
    earlierFees: p.earlierFees,
    flatFee: p.flatFee,
    interestRate: p.interestRate || '0',
    ...(p.interestFrom ? { interestFrom: p.interestFrom } : {}),
    language: p.language,
    channel: p.to.length ? 'mail' : 'print',
    snapshot: JSON.stringify({ ...snapshot, periods } satisfies LetterSnapshot),
  };
}

/** Renders the letter and keeps it content-addressed in `<data>/documents/`, as the outbox attaches files. */
export async function storeLetter({ core, ports }: LetterContext, letter: ReminderLetterView): Promise<{ filename: string; file: string; contentType: string; sha256: string }> {
  const bytes = await ports.renderLetter({ kind: 'reminder', letter });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = `documents/${sha256}.pdf`;
  const target = path.join(core.books.dataDir, file);
  if (!fs.existsSync(target)) {
    ensurePrivateDir(path.dirname(target));
    writePrivateFile(`${target}.tmp`, bytes);
    fs.renameSync(`${target}.tmp`, target);
  }
  return { filename: `${letter.number}.pdf`, file, contentType: 'application/pdf', sha256 };
}

const dateOf = (iso: string, lang: Lang) => (iso ? formatDocumentDate(iso, lang).replace(/\u00a0/g, ' ') : '');

/** The placeholders of a reminder mail; `signatureOf` writes the company's signature. */
export function reminderValues(letter: ReminderLetterView, signatureOf: (seller: PartySnapshot) => string) {
  const lang = letter.language;
  const item = letter.items[0]!;
  const s = letter.seller;
  return {
    customerName: letter.buyer.name,
    customerNumber: letter.buyer.customerNumber ?? '',
    invoiceNumber: item.invoiceNumber,
    invoiceDate: dateOf(item.issueDate, lang),
    dueDate: dateOf(item.dueDate, lang),
    daysOverdue: String(item.daysOverdue),
    amountDue: formatMoney(item.openAmount, letter.currency, lang),
    reminderNumber: letter.number,
    fees: letter.fee ? formatMoney(letter.fee, letter.currency, lang) : '',
    flatFee: letter.flatFee ? formatMoney(letter.flatFee, letter.currency, lang) : '',
    interest: item.interest ? formatMoney(item.interest, letter.currency, lang) : '',
    totalDue: formatMoney(item.openAmount + item.interest + letter.fee + (letter.flatFee ?? 0), letter.currency, lang),
    payBy: dateOf(letter.payBy, lang),
    companyName: s.name,
    companySignature: signatureOf(s),
    bankDetails: [s.bankName, s.iban ? `IBAN ${formatIban(s.iban)}` : '', s.bic ? `BIC ${s.bic}` : ''].filter(Boolean).join(', '),
  };
}

export type ReminderEvent = 'reminder0' | 'reminder1' | 'reminder2' | 'reminder3';
export const reminderEventOf = (level: number) => `reminder${Math.max(0, Math.min(3, level))}` as ReminderEvent;

/** The customer's mail of a reminder, with its letter attached. */
export async function reminderMessage(ctx: LetterContext, factId: string, letter: ReminderLetterView, to: string[], invoiceId: string, customerId: string): Promise<ReminderMessage> {
  const { mail } = ctx.ports;
  const attachment = await storeLetter(ctx, letter);
  const composed = await mail.compose(reminderEventOf(letter.level), letter.language, reminderValues(letter, mail.signatureOf));
  return { dedupeKey: reminderMailKey(factId), event: reminderEventOf(letter.level), to, ...composed, attachments: [attachment], invoiceId, customerId };
}

export type NoticeLine = { invoiceNumber: string; customerName: string; level: number; total: number; currency: string; mailed: boolean };

/** The internal notice: which reminders went out in a run, one line each. */
export async function noticeMessage({ ports }: LetterContext, key: string, to: string[], lines: readonly NoticeLine[], lang: Lang): Promise<ReminderMessage> {
  const seller = await ports.seller();
  const t = (k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v);
  const list = lines
    .map((l) => `${l.invoiceNumber} · ${l.customerName} · ${translateKnown(lang, `reminders.level${l.level}`)} · ${formatMoney(l.total, l.currency, lang)}${l.mailed ? '' : ` · ${t('reminders.notice.toPrint')}`}`)
    .join('\n');
  const composed = await ports.mail.compose('overdueNotice', lang, { reminderCount: String(lines.length), reminderList: list, companyName: seller.name, companySignature: ports.mail.signatureOf(seller) });
  return { dedupeKey: key, event: 'overdueNotice', to, ...composed };
}
