/** The values between the bookings (read from the books) and the DATEV files written from them. */

export type DatevBooking = {
  /** Cents, > 0 (Umsatz ohne Soll/Haben-Kennzeichen). */
  amount: number;
  /** Soll/Haben-Kennzeichen, relative to `account`. */
  side: 'S' | 'H';
  /** Konto: the customer's Debitor for sales, payments, Skonto, write-offs; the cash account for cash entries without a customer. */
  account: string;
  /** Gegenkonto (ohne BU-Schlüssel). */
  contraAccount: string;
  /** BU-Schlüssel, '' on accounts that calculate VAT automatically. */
  buKey: string;
  /** Belegdatum, ISO. */
  date: string;
  /** Belegfeld 1, the document number: at most 36 characters, never cut. */
  document: string;
  /** Belegfeld 2: '' or e.g. the invoice a payment settles; at most 12 characters. */
  document2: string;
  /** Buchungstext: at most 60 characters, never cut. */
  text: string;
  /** Fälligkeit of an open item, ISO, or ''. */
  dueDate: string;
  /** Skonto of a payment line in cents; 0 leaves the field empty. */
  skonto: number;
  /**
   * EU-Land u. UStID (Bestimmung): the buyer's VAT ID with its country code (`ATU12345678`) on a
   * tax-free intra-EU line, as frozen on the document; absent or '' leaves the field empty.
   */
  euVatId?: string;
  /** The document the line comes from, named in problems. */
  source: { kind: string; id: string; number: string };
};

export type DatevBatchHeader = {
  createdAt: Date;
  beraterNummer: string;
  mandantNummer: string;
  /** ISO: the first day of the fiscal year the batch belongs to. */
  fiscalYearStart: string;
  /** Sachkontenlänge, 4–8; personal accounts have one digit more. */
  accountLength: number;
  /** ISO, the batch's period (both days included). */
  from: string;
  to: string;
  /** Bezeichnung of the batch, at most 30 characters. */
  batchName: string;
  chart: 'SKR03' | 'SKR04';
  festgeschrieben: boolean;
  /** Exportiert von (the user's name), at most 25 characters. */
  exportedBy: string;
};

/** A rule DATEV would otherwise break by cutting or refusing a value; an export with any problem is refused. */
export type DatevProblem = {
  code: string;
  field: string;
  source: DatevBooking['source'] | null;
  /** An i18n key `validation.datev…`. */
  problem: string;
  values: Record<string, string | number>;
};

export type DatevDebitor = {
  /** The personal account (Debitor): accountLength + 1 digits. */
  account: string;
  name: string;
  isCompany: boolean;
  street: string;
  postalCode: string;
  city: string;
  /** ISO 3166 alpha-2, or ''. */
  countryCode: string;
  /** The full VAT ID with its country prefix (`DE123456789`), or ''. */
  vatId: string;
  email: string;
  iban: string;
  customerNumber: string;
};

/** One written file: its name, its bytes and the number of data lines (bookings or debitors) in it. */
export type DatevFile = { fileName: string; bytes: Buffer; lines: number };
