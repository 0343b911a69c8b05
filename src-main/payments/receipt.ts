/** The payment receipt (Zahlungsbestätigung) as a PDF, in the customer's language. */
import { createHash } from 'node:crypto';
import type { DocumentFile, PaymentReceiptView } from '../../src-shared/contract/index.js';
import type { Core } from '../server/core.js';
import type { PaymentsPorts } from './ports.js';
import type { Payments } from './service.js';

export async function paymentReceipt(core: Pick<Core, 'books' | 'clock'>, payments: Payments, ports: Pick<PaymentsPorts, 'seller' | 'renderReceipt'>, id: string): Promise<DocumentFile> {
  const { db } = core.books;
  const payment = await payments.get(id);
  const customer = payment.customerId ? await db.customers.findOne(payment.customerId).exec() : null;
  const invoices = await db.invoices.findByIds(payment.allocations.map((a) => a.invoiceId)).exec();
  const items = await payments.openItems({ customerId: payment.customerId });
  const openOf = new Map(items.items.map((i) => [i.invoiceId, i.open]));
  const receipt: PaymentReceiptView = {
    number: `ZB-${payment.date.slice(0, 4)}-${payment.id.slice(-8)}`,
    date: core.clock().toISOString().slice(0, 10),
    language: customer?.language === 'en' ? 'en' : 'de',
    currency: payment.currency,
    seller: await ports.seller(),
    buyer: customer
      ? { name: customer.name, address: { street: customer.billingAddress.street, postalCode: customer.billingAddress.postalCode, city: customer.billingAddress.city, country: customer.billingAddress.country ?? 'DE' }, vatId: customer.vatId ?? '', taxNumber: '', customerNumber: customer.number }
      : { name: payment.counterpartyName, address: { street: '', postalCode: '', city: '', country: 'DE' }, vatId: '', taxNumber: '' },
    receivedOn: payment.date,
    method: payment.method,
    reference: payment.reference,
    amount: payment.amount,
    allocations: payment.allocations
      .filter((a) => !a.reversed)
      .map((a) => ({ invoiceNumber: a.invoiceNumber, invoiceDate: invoices.get(a.invoiceId)?.issueDate ?? '', amount: a.amount, remaining: Math.max(0, openOf.get(a.invoiceId) ?? 0) })),
  };
  const pdf = await ports.renderReceipt(receipt);
  return {
    format: 'pdf',
    fileName: `${receipt.number}.pdf`,
    mimeType: 'application/pdf',
    sha256: createHash('sha256').update(pdf).digest('hex'),
    bytes: pdf.length,
    frozenAt: payment.recordedAt,
    dataBase64: pdf.toString('base64'),
  };
}
