/**
 * Deutsche Texte: the source of truth. Every key here is a `MessageKey`, and en.ts must have
 * exactly the same keys (checked when compiling). The texts live by capability in ./de/*.ts;
 * the texts printed on issued documents in ./de/printed.ts, versioned (see ./printed.ts).
 */
import { app } from './de/app.js';
import { auditor } from './de/auditor.js';
import { cash } from './de/cash.js';
import { cashbook } from './de/cashbook.js';
import { datev } from './de/datev.js';
import { documents } from './de/documents.js';
import { errors } from './de/errors.js';
import { invoices } from './de/invoices.js';
import { mail } from './de/mail.js';
import { payments } from './de/payments.js';
import { printed } from './de/printed.js';
import { reminders } from './de/reminders.js';
import { reports } from './de/reports.js';
import { reportExport } from './de/report-export.js';
import { reportsScreen } from './de/reports-screen.js';
import { reportsSales } from './de/reports-sales.js';
import { sales } from './de/sales.js';
import { settings } from './de/settings.js';
import { sync } from './de/sync.js';
import { taxAdvisorScreen } from './de/tax-advisor-screen.js';
import { users } from './de/users.js';
import type { KeyOf, TextsOf } from './types.js';

export const de = { ...app, ...users, ...settings, ...errors, ...sales, ...invoices, ...documents, ...payments, ...cashbook, ...mail, ...reminders, ...reports, ...reportExport, ...reportsScreen, ...reportsSales, ...datev, ...auditor, ...sync, ...cash, ...taxAdvisorScreen, ...printed };

/** The shape every language's table has. */
export type Messages = TextsOf<typeof de>;
/** Every text's key, such as `'settings.vatId'`: a misspelt key does not compile. */
export type MessageKey = KeyOf<typeof de>;
