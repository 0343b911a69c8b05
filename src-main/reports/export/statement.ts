/**
 * The account statement as a letter to the customer: printed (PDF) or mailed through the outbox
 * with the PDF attached. The figures are those of `reports.statement`, run with the same input.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, type CustomerStatement, type DocumentFile, type OutboxItem, type ParsedInputOf } from '../../../src-shared/contract/index.js';
import { translate } from '../../../src-shared/i18n/index.js';
import { formatDate, formatMoney } from '../../../src-shared/format/document.js';
import { newId } from '../../ids.js';
import type { HandlerContext } from '../../server/dispatcher.js';
import type { Core } from '../../server/core.js';
import { ensurePrivateDir, writePrivateFile } from '../../store/private-files.js';
import { exportFileName } from './cells.js';
import { fileOf, runReport, todayOf } from './run.js';
import type { ExportCustomer, ExportPorts } from './ports.js';
import { bankLine, statementLetter } from './statement-letter.js';

type Input = ParsedInputOf<'reports.statementPdf'>;

const noCustomer = () => new AppError('VALIDATION_FAILED', 'customerId: validation.notFound', { fields: [{ field: 'customerId', problem: 'validation.notFound' }] });

/** The statement's letter in the customer's language, rendered. */
async function renderStatement(core: Core, ports: ExportPorts, input: Input, context: HandlerContext): Promise<{ pdf: Buffer; fileName: string; statement: CustomerStatement; customer: ExportCustomer }> {
  const customer = await ports.customer(input.customerId);
  if (!customer) throw noCustomer();
  const statement = (await runReport(ports, 'reports.statement', input, context)) as CustomerStatement;
  const seller = await ports.seller();
  const today = todayOf(core);
  const letter = statementLetter(statement, seller, { ...customer.snapshot, customerNumber: statement.customerNumber || customer.snapshot.customerNumber }, customer.language, today);
  const pdf = await ports.renderLetter({ kind: 'table', letter });
  const stem = `${translate(customer.language, 'reportExport.statement.fileName')} ${statement.customerNumber || statement.customerName}`;
  return { pdf, fileName: exportFileName(stem, `${statement.from}_${statement.to}`, 'pdf'), statement, customer };
}

export async function statementPdf(core: Core, ports: ExportPorts, input: Input, context: HandlerContext): Promise<DocumentFile> {
  const { pdf, fileName } = await renderStatement(core, ports, input, context);
  return fileOf(fileName, 'application/pdf', pdf, core.clock());
}

/** The PDF kept content-addressed in `<data>/documents/`, where the outbox reads its attachments. */
function storeAttachment(core: Core, fileName: string, pdf: Buffer) {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const file = `documents/${sha256}.pdf`;
  const target = path.join(core.books.dataDir, file);
  if (!fs.existsSync(target)) {
    ensurePrivateDir(path.dirname(target));
    writePrivateFile(`${target}.tmp`, pdf);
    fs.renameSync(`${target}.tmp`, target);
  }
  return { filename: fileName, file, contentType: 'application/pdf', sha256 };
}

/** Queues the statement to the customer's invoice address, the letter attached; refused when there is none. */
export async function mailStatement(core: Core, ports: ExportPorts, input: Input, context: HandlerContext): Promise<OutboxItem> {
  const found = await ports.customer(input.customerId);
  if (!found) throw noCustomer();
  const to = found.invoiceEmails.filter(Boolean);
  if (!to.length) {
    throw new AppError('VALIDATION_FAILED', 'customerId: reportExport.noEmail', { fields: [{ field: 'customerId', problem: 'reportExport.noEmail' }] });
  }
  const { pdf, fileName, statement, customer } = await renderStatement(core, ports, input, context);
  const seller = await ports.seller();
  const lang = customer.language;
  const composed = await ports.mail.compose('statement', lang, {
    customerName: statement.customerName,
    customerNumber: statement.customerNumber,
    periodFrom: formatDate(statement.from, lang).replace(/\u00a0/g, ' '),
    periodTo: formatDate(statement.to, lang).replace(/\u00a0/g, ' '),
    closingBalance: formatMoney(statement.closing, statement.currency, lang),
    bankDetails: bankLine(seller),
    companyName: seller.name,
    companySignature: ports.mail.signatureOf(seller),
  });
  const userId = context.session.user?.id ?? '';
  const [item] = await ports.mail.enqueue(
    [{ dedupeKey: `statement:${input.customerId}:${newId()}`, event: 'statement', to, ...composed, attachments: [storeAttachment(core, fileName, pdf)], customerId: input.customerId }],
    userId,
  );
  if (!item) throw new Error('The statement mail was not queued');
  return item;
}
