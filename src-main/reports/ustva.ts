/**
 * The UStVA Kennzahlen (Umsatzsteuer-Voranmeldung, form of 2025/2026) that the app's sales and
 * cash book fill, and which VAT case and category goes to which. See docs/reports.md for the
 * table and the cases the data cannot decide.
 */
import type { MessageKey } from '../../src-shared/i18n/index.js';

export type KennzahlDef = {
  key: string;
  /** The Kennzahl the tax is entered under when the form asks for it (35 → 36). */
  taxKennzahl: string;
  label: MessageKey;
  /** The rate the form works the tax out with from the base in whole euros (81, 86). */
  formRate: number | null;
  /** Whether its tax is output tax (Umsatzsteuer) or input tax (Vorsteuer) in Kz 83; neither: null. */
  side: 'output' | 'input' | null;
};

const kz = (key: string, taxKennzahl: string, formRate: number | null, side: KennzahlDef['side']): KennzahlDef => ({
  key,
  taxKennzahl,
  label: `reportsSales.kz.${key}` as MessageKey,
  formRate,
  side,
});

/** In the order of the form; § 19 and what the data cannot assign last, outside the form. */
export const KENNZAHLEN: readonly KennzahlDef[] = [
  kz('81', '', 19, 'output'),
  kz('86', '', 7, 'output'),
  kz('35', '36', null, 'output'),
  kz('87', '', null, null),
  kz('41', '', null, null),
  kz('43', '', null, null),
  kz('48', '', null, null),
  kz('60', '', null, null),
  kz('21', '', null, null),
  kz('45', '', null, null),
  kz('66', '', null, 'input'),
  kz('smallBusiness', '', null, null),
  kz('unassigned', '', null, null),
];

export const KENNZAHL_BY_KEY: ReadonlyMap<string, KennzahlDef> = new Map(KENNZAHLEN.map((k) => [k.key, k]));

/**
 * The Kennzahl of a sale, by the document's VAT case and the VAT group's category (BT-118) and
 * rate (BT-119):
 * - § 19 UStG small business: not in the UStVA (shown apart).
 * - S: 19 % → 81, 7 % → 86, any other rate → 35 (tax 36).
 * - Z (0 %, § 12 Abs. 3 UStG) → 87.
 * - K (innergemeinschaftliche Lieferung, § 4 Nr. 1b UStG, to a buyer with a VAT ID) → 41.
 * - G (Ausfuhrlieferung, § 4 Nr. 1a UStG) → 43.
 * - E (steuerfrei, § 4 Nr. 8 ff. UStG, no input tax deduction) → 48.
 * - AE: in an intra-EU case a service to an EU business (§ 3a Abs. 2, § 18b Satz 1 Nr. 2 UStG:
 *   not taxable here) → 21; otherwise the recipient owes the tax in Germany (§ 13b Abs. 5) → 60.
 * - O (nicht steuerbar, place of supply abroad) → 45.
 */
export function kennzahlOf(vatCase: string, category: string, rate: string): string {
  if (vatCase === 'smallBusiness') return 'smallBusiness';
  switch (category) {
    case 'S':
      return rate === '19' ? '81' : rate === '7' ? '86' : '35';
    case 'Z':
      return '87';
    case 'K':
      return '41';
    case 'G':
      return '43';
    case 'E':
      return '48';
    case 'AE':
      return vatCase === 'intraEu' ? '21' : '60';
    case 'O':
      return '45';
    default:
      return 'unassigned';
  }
}

/**
 * The Kennzahl of a cash book entry's VAT: income at 19 % or 7 % is a taxable sale (81, 86),
 * expense VAT is input tax (66). Income without VAT says nothing of why: unassigned, for a person
 * to decide. Null: no VAT figure at all (an expense without VAT).
 */
export function cashKennzahlOf(direction: 'income' | 'expense', rate: number): string | null {
  if (direction === 'expense') return rate > 0 ? '66' : null;
  return rate === 19 ? '81' : rate === 7 ? '86' : rate > 0 ? '35' : 'unassigned';
}

/** The base as the form takes it: whole euros, cents dropped. */
export function formBaseOf(base: number): number {
  return Math.trunc(base / 100) * 100;
}

/** The tax as the form works it out: the base in whole euros times the rate, to the cent. */
export function formTaxOf(def: KennzahlDef, base: number, tax: number): number {
  if (def.formRate === null) return tax;
  const cents = formBaseOf(base) * def.formRate;
  return Math.sign(cents) * Math.round(Math.abs(cents) / 100);
}
