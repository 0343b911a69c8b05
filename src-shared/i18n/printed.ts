/**
 * The texts printed on issued documents (invoices, credit notes, reminders, receipts and the
 * notes of e-invoices), in both languages. A document once issued does not change, so these
 * texts change only deliberately: with a new version, which a test pins to the texts' content.
 */
import { printed as de } from './de/printed.js';
import { printed as en } from './en/printed.js';

/** Raise by one with every change of a printed text (and pin the new version in printed.test.ts). */
export const PRINTED_TEXTS_VERSION = 1;

export const PRINTED_TEXTS = { de, en } as const;
