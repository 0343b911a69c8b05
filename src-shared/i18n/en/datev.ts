import type { datev as german, datevValidation as germanValidation } from '../de/datev.js';
import type { TextsOf } from '../types.js';

/** English texts. Export for the tax advisor in DATEV's format: booking batch and debitors. */
export const datevValidation = {
  datevText: 'Contains a character DATEV (Windows-1252) cannot represent: “{{char}}” in {{document}}',
  datevTooLong: 'Too long for DATEV: {{length}} characters, at most {{max}} ({{document}}); the value is not shortened',
  datevDocumentChars: 'Belegfeld 1 may hold only letters A–Z, digits and $ & % * + - /: “{{value}}” ({{document}})',
  datevAccount: 'Account number “{{value}}” does not fit the account length {{accountLength}}: general ledger accounts have {{accountLength}} digits, personal accounts {{personalLength}} ({{document}})',
  datevAmount: 'Amount {{value}} cannot go to DATEV: more than 0 and at most 10 digits before the decimal comma ({{document}})',
  datevDateOutside: 'Document date {{date}} lies outside the period {{from}} to {{to}} ({{document}})',
  datevFiscalYear: 'A booking batch covers one fiscal year only; the period {{from}} to {{to}} crosses the start of the fiscal year on {{fiscalYearStart}}',
  datevPeriod: 'The period is empty or reversed: {{from}} to {{to}}',
  datevBeraterNummer: 'Advisor number (Beraternummer): a number from 1001 to 9999999',
  datevMandantNummer: 'Client number (Mandantennummer): a number from 1 to 99999',
  datevAccountLength: 'Account length: 4 to 8 digits',
  datevDate: 'Not a valid date: “{{value}}” ({{document}})',
  datevBuKey: 'BU key “{{value}}”: at most 4 digits ({{document}})',
  datevSide: 'Debit/credit mark “{{value}}”: S or H ({{document}})',
  datevCountry: 'Country “{{value}}”: a code of two capital letters such as DE ({{document}})',
  datevVatId: 'VAT ID “{{value}}”: country code and 2 to 13 characters, e.g. DE123456789 ({{document}})',
} satisfies TextsOf<typeof germanValidation>;

export const datev = {
  datev: {
    field: {
      amount: 'Amount',
      side: 'Debit/credit',
      account: 'Account',
      contraAccount: 'Contra account',
      buKey: 'BU key',
      date: 'Document date',
      document: 'Belegfeld 1 (document number)',
      document2: 'Belegfeld 2',
      text: 'Posting text',
      dueDate: 'Due date',
      skonto: 'Cash discount',
      beraterNummer: 'Advisor number',
      mandantNummer: 'Client number',
      accountLength: 'Account length',
      period: 'Period',
      batchName: 'Batch name',
      exportedBy: 'Exported by',
      name: 'Name',
      street: 'Street',
      postalCode: 'Postal code',
      city: 'City',
      countryCode: 'Country',
      vatId: 'VAT ID',
      email: 'Email',
      iban: 'IBAN',
      customerNumber: 'Customer number',
    },
  },
} satisfies TextsOf<typeof german>;
