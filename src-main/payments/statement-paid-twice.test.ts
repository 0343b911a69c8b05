/**
 * A statement that pays the same invoice twice: the preview offers only the first payment as a
 * safe match, and booking allocates the first and leaves the second for review instead of
 * refusing the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { issued } from '../../tests/support/pdf.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

let app: TestApp;
let t: Team;
let invoiceId: string;
const file = { fileName: 'camt053-paid-twice.xml', dataBase64: fs.readFileSync(path.resolve('tests/fixtures/statements/camt053-paid-twice.xml')).toString('base64') };

beforeEach(async () => {
  app = await startTestApp(() => new Date('2026-12-02T09:00:00Z'));
  t = await team(app);
  const customerId = (await customer(t.bookkeeper, { name: 'Bäckerei Größe KG' })).id;
  const item = await product(t.bookkeeper, { sku: 'S-100', netPrice: '100', vatRate: '19' });
  // RE-2026-A-000001, 119.00 €, which both entries of the file pay.
  invoiceId = (await issued(t, { customerId, lines: [{ productId: item.id, quantity: '1' }] })).id;
});
afterEach(async () => app.stop());

it('offers the invoice as a safe match to the first payment only, and books the second for review', async () => {
  const preview = await unwrap(t.bookkeeper.invoke('payments.previewStatement', file));
  expect(preview.entries.map((e) => ({ amount: e.amount, confident: e.match.confident, numbers: e.match.candidates[0]?.numbers }))).toEqual([
    { amount: 11900, confident: true, numbers: ['RE-2026-A-000001'] },
    { amount: 11900, confident: false, numbers: ['RE-2026-A-000001'] },
  ]);
  const booked = await unwrap(t.bookkeeper.invoke('payments.importStatement', { ...file, autoAllocate: true, choices: [{ index: 0, invoiceIds: [invoiceId] }] }));
  expect(booked).toMatchObject({ imported: 2, allocated: 1, unmatched: 1 });
  expect((await unwrap(t.bookkeeper.invoke('payments.forInvoice', { invoiceId }))).item).toMatchObject({ paid: 11900, open: 0, state: 'paid' });
});
