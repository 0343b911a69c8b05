import { newId } from '../../ids.js';
import { AppError, type CustomerView } from '../../../src-shared/contract/index.js';
import { dec, toMinorUnits } from '../../../src-shared/money/decimal.js';
import type { HandlerContext } from '../../server/dispatcher.js';
import type { OpenBooks } from '../../store/database.js';
import type { CustomerDoc } from '../../store/schemas/books.js';
import type { In, Out, SalesContext } from '../context.js';
import { pageOf, searchRegex } from '../paging.js';

export function toCustomerView(doc: CustomerDoc): CustomerView {
  return {
    id: doc.id,
    number: doc.number,
    name: doc.name,
    billingAddress: { ...doc.billingAddress },
    ...(doc.shippingAddress ? { shippingAddress: { ...doc.shippingAddress } } : {}),
    vatId: doc.vatId ?? '',
    taxNumber: doc.taxNumber ?? '',
    invoiceEmails: [...(doc.invoiceEmails ?? [])],
    language: doc.language,
    paymentTermsDays: doc.paymentTermsDays,
    kind: doc.kind,
    vatTreatment: doc.vatTreatment ?? 'domestic',
    exemptionReason: doc.exemptionReason ?? '',
    discountPercent: doc.discountPercent ?? '0',
    creditLimit: doc.creditLimit ?? 0,
    accountManagerId: doc.accountManagerId ?? '',
    buyerReference: doc.buyerReference ?? '',
    publicBuyer: doc.publicBuyer ?? false,
    eInvoiceFormat: doc.eInvoiceFormat ?? 'pdf',
    skontoPercent: doc.skonto?.percent ?? '0',
    skontoDays: doc.skonto?.days ?? 0,
    dunningStop: doc.dunningStop ?? '',
    active: doc.active ?? true,
    updatedAt: doc.updatedAt,
  };
}

/** The next free customer number `K-10001`, `K-10002` … */
async function nextCustomerNumber(books: OpenBooks): Promise<string> {
  const all = await books.db.customers.find({ selector: { number: { $regex: '^K-\\d+$' } } }).exec();
  const max = all.reduce((m, c) => Math.max(m, Number(c.number.slice(2))), 10000);
  return `K-${max + 1}`;
}

export async function listCustomers({ core: { books } }: SalesContext, input: In<'customers.list'>): Out<'customers.list'> {
  const selector: Record<string, unknown> = {};
  if (input.search) selector.$or = [{ name: { $regex: searchRegex(input.search), $options: 'i' } }, { number: { $regex: searchRegex(input.search), $options: 'i' } }];
  return pageOf(books.db.customers, selector, [{ name: 'asc' }], input, (d) => toCustomerView(d.toMutableJSON()));
}

export async function getCustomer({ core: { books } }: SalesContext, { id }: In<'customers.get'>): Out<'customers.get'> {
  const doc = await books.db.customers.findOne(id).exec();
  if (!doc) throw new AppError('NOT_FOUND', `Customer ${id} not found`);
  return toCustomerView(doc.toMutableJSON());
}

/** Creates or changes a customer; a change is told to whoever follows customers (mail addresses). */
export async function saveCustomer({ core: { books, writes, clock, bus } }: SalesContext, input: In<'customers.save'>, { session }: HandlerContext): Out<'customers.save'> {
  const userId = session.user!.id;
  const customers = books.db.customers;
  const now = clock().toISOString();
  const existing = input.id ? await customers.findOne(input.id).exec() : null;
  if (input.id && !existing) throw new AppError('NOT_FOUND', `Customer ${input.id} not found`);
  const number = input.number || existing?.number || (await nextCustomerNumber(books));
  const clash = await customers.findOne({ selector: { number } }).exec();
  if (clash && clash.id !== existing?.id) {
    throw new AppError('VALIDATION_FAILED', 'Customer number in use', { fields: [{ field: 'number', problem: 'validation.numberTaken' }] });
  }
  const doc: CustomerDoc = {
    id: existing?.id ?? newId(),
    number,
    name: input.name,
    billingAddress: stripEmpty(input.billingAddress),
    ...(input.shippingAddress ? { shippingAddress: stripEmpty(input.shippingAddress) } : {}),
    vatId: input.vatId,
    taxNumber: input.taxNumber,
    invoiceEmails: input.invoiceEmails,
    language: input.language,
    paymentTermsDays: input.paymentTermsDays,
    kind: input.kind,
    vatTreatment: input.vatTreatment,
    exemptionReason: input.exemptionReason,
    discountPercent: dec(input.discountPercent).toString(),
    creditLimit: toMinorUnits(dec(input.creditLimit)),
    accountManagerId: input.accountManagerId,
    buyerReference: input.buyerReference,
    ...(input.publicBuyer ? { publicBuyer: true } : {}),
    eInvoiceFormat: input.eInvoiceFormat,
    ...(dec(input.skontoPercent).isZero() || input.skontoDays === 0 ? {} : { skonto: { percent: input.skontoPercent, days: input.skontoDays } }),
    ...(input.dunningStop ? { dunningStop: input.dunningStop } : {}),
    active: input.active,
    createdAt: existing?.createdAt ?? now,
    createdBy: existing?.createdBy ?? userId,
    updatedAt: now,
    updatedBy: userId,
  };
  const before = existing ? toCustomerView(existing.toMutableJSON()) : undefined;
  await writes.write(userId, { collection: 'customers', action: existing ? 'customer.updated' : 'customer.created', entity: 'customer', entityId: doc.id, before, after: toCustomerView(doc) }, () =>
    customers.upsert(doc),
  );
  const after = toCustomerView(doc);
  if (before) bus.publish('customer.changed', { before, after, userId });
  return after;
}

/** The customer a document is written for; an unknown one is a problem of `field`. */
export async function customerOf(books: OpenBooks, id: string, field = 'customerId'): Promise<CustomerDoc> {
  const doc = await books.db.customers.findOne(id).exec();
  if (!doc) throw new AppError('VALIDATION_FAILED', 'Unknown customer', { fields: [{ field, problem: 'validation.unknownCustomer' }] });
  return doc.toMutableJSON();
}

function stripEmpty<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== '')) as T;
}
