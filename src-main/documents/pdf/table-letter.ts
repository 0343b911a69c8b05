/**
 * A letter whose body is one table: a printed report (open items, VAT summary …) and the
 * customer's account statement. The caller brings the words and the formatted cells (plain data,
 * so the letter can travel to a PDF worker); this file puts them into the letterhead, footer and
 * layout that invoices and reminder letters use, with "Seite X von Y" on every page.
 */
import type { PartySnapshot } from '../../../src-shared/contract/index.js';
import { translate, type MessageKey } from '../../../src-shared/i18n/index.js';
import type { DocLanguage } from '../../../src-shared/format/document.js';
import { addressLines, footerColumns, type DocumentContent, type TableColumn, type TableRow, type TotalRow } from './content.js';

export type TableLetter = {
  language: DocLanguage;
  seller: PartySnapshot;
  /** The addressee; none for a report printed for the company itself. */
  buyer: PartySnapshot | null;
  title: string;
  /** ISO date the letter is dated. */
  date: string;
  /** Labels and values right of the address window. */
  info: [string, string][];
  /** Paragraphs between the title and the table. */
  intro: string[];
  columns: TableColumn[];
  rows: TableRow[];
  /** Sums under the table, right-aligned. */
  totals: TotalRow[];
  /** Paragraphs after the table, e.g. the closing sentence and bank details. */
  note: string;
  /** A4 landscape, for a table too wide for the upright page. */
  landscape?: boolean;
};

export function tableLetterContent(letter: TableLetter): DocumentContent {
  const lang: DocLanguage = letter.language === 'en' ? 'en' : 'de';
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(lang, key, values);
  const a = letter.seller.address;
  const day = new Date(`${letter.date}T00:00:00Z`);
  return {
    language: lang,
    title: letter.title,
    subtitle: '',
    continuation: letter.title,
    senderLine: letter.buyer ? [letter.seller.name, a.street, `${a.postalCode} ${a.city}`.trim()].filter(Boolean).join(' · ') : '',
    address: letter.buyer ? addressLines(letter.buyer, a.country || 'DE', lang) : [],
    info: letter.info,
    intro: letter.intro,
    table: { columns: letter.columns, rows: letter.rows },
    vatColumns: [],
    vatRows: [],
    exemptions: [],
    totals: letter.totals,
    payment: [],
    girocode: null,
    legalNotes: [],
    note: letter.note,
    footer: footerColumns(letter.seller, t),
    pageLabel: (page: number, pages: number) => t('pdf.page', { page, pages }),
    meta: { title: letter.title, author: letter.seller.name, date: Number.isNaN(day.getTime()) ? new Date(0) : day, language: lang === 'de' ? 'de-DE' : 'en-GB' },
    ...(letter.landscape ? { landscape: true } : {}),
  };
}
