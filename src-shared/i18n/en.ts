/** English texts, by capability in ./en/*.ts: exactly the keys of the German table (de.ts). */
import type { MessageKey, Messages } from './de.js';
import { app } from './en/app.js';
import { auditor } from './en/auditor.js';
import { cash } from './en/cash.js';
import { cashbook } from './en/cashbook.js';
import { datev } from './en/datev.js';
import { documents } from './en/documents.js';
import { errors } from './en/errors.js';
import { invoices } from './en/invoices.js';
import { mail } from './en/mail.js';
import { payments } from './en/payments.js';
import { printed } from './en/printed.js';
import { reminders } from './en/reminders.js';
import { reports } from './en/reports.js';
import { reportExport } from './en/report-export.js';
import { reportsScreen } from './en/reports-screen.js';
import { reportsSales } from './en/reports-sales.js';
import { sales } from './en/sales.js';
import { settings } from './en/settings.js';
import { sync } from './en/sync.js';
import { taxAdvisorScreen } from './en/tax-advisor-screen.js';
import { users } from './en/users.js';
import type { Assert, KeyOf, SameKeys } from './types.js';

export const en = { ...app, ...users, ...settings, ...errors, ...sales, ...invoices, ...documents, ...payments, ...cashbook, ...mail, ...reminders, ...reports, ...reportExport, ...reportsScreen, ...reportsSales, ...datev, ...auditor, ...sync, ...cash, ...taxAdvisorScreen, ...printed } satisfies Messages;

/** Fails to compile when a key is missing here or there is one too many. */
export type EnglishHasEveryKey = Assert<SameKeys<KeyOf<typeof en>, MessageKey>>;

export type { Messages };
