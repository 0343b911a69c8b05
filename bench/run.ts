/** `npm run bench`: every benchmark, each printing ratios against a baseline of the same run. */
import { benchDocuments } from './documents.js';
import { benchEInvoice } from './einvoice.js';
import { benchExports } from './exports.js';
import { benchInvoicing } from './invoicing.js';
import { benchMail } from './mail.js';
import { benchPayments } from './payments.js';
import { benchReminders } from './reminders.js';
import { benchReports } from './reports.js';
import { benchStore } from './store.js';
import { benchSync } from './sync.js';

const results: Record<string, boolean> = {};
results.store = await benchStore();
results.invoicing = await benchInvoicing();
results.documents = await benchDocuments();
results.mail = await benchMail();
results.payments = await benchPayments();
results.reminders = await benchReminders();
results.reports = await benchReports();
results.exports = await benchExports();
results.einvoice = await benchEInvoice();
results.sync = await benchSync();
console.log('\nTargets met:', Object.entries(results).map(([k, v]) => `${k} ${v ? 'yes' : 'NO'}`).join(', '));
process.exitCode = Object.values(results).every(Boolean) ? 0 : 1;
