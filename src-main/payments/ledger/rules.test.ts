/**
 * The ledger's rules on their own: what is open, when Skonto may be taken, and which
 * allocations are refused (and which field says why).
 */
import { describe, expect, it } from 'vitest';
import { afterAllocation, allocationProblem, balanceOf, checkAllocations, creditedBy, creditOf, openAmount, openOf, skontoOffer, skontoTermOf, WRITE_OFF_LIMIT, type LedgerInvoice } from './rules.js';

// 119.00 € issued 27.11., 2 % Skonto within 10 days: 2.38 off, 116.62 to pay until 07.12.
const invoice = (over: Partial<LedgerInvoice> = {}): LedgerInvoice => ({
  id: 'inv-1',
  number: 'RE-2026-A-000001',
  documentType: 'invoice',
  status: 'issued',
  customerId: 'c-1',
  customerName: 'Bäckerei Größe KG',
  currency: 'EUR',
  issueDate: '2026-11-27',
  dueDate: '2026-12-11',
  amountDue: 11900,
  skontoTerm: { percent: '2', days: 10 },
  settled: undefined,
  ...over,
});
const payment = { date: '2026-12-01', currency: 'EUR', customerId: '' };
const paid = (amount: number, skonto = 0, writeOff = 0) => ({ amount, skonto, writeOff });

describe('open amount', () => {
  it('is what is due, less credit notes, less what allocations settled', () => {
    expect(openAmount(11900, 1900, 5000)).toBe(5000);
    expect(openOf(invoice({ settled: { paid: 10000, skonto: 0, writtenOff: 500, lastPaymentDate: '2026-12-01' } }))).toBe(1400);
  });

  it('credit notes count against the invoice they correct only', () => {
    const credited = creditedBy([
      { documentType: 'creditNote', correctsInvoiceId: 'inv-1', totals: { amountDue: 1190 }, grossAmount: 1190 },
      { documentType: 'creditNote', correctsInvoiceId: 'inv-1', grossAmount: 595 },
      { documentType: 'invoice', correctsInvoiceId: 'inv-2', grossAmount: 9999 },
    ]);
    expect([...credited]).toEqual([['inv-1', 1785]]);
  });

  it('a customer balance is the open amounts less the credit', () => {
    expect(balanceOf([11900, 2500], creditOf([1000, 500], 300))).toBe(14400 - 1200);
  });
});

describe('Skonto', () => {
  it('is the percent of what is due, payable until the last day of the term', () => {
    expect(skontoTermOf(invoice())).toEqual({ discount: 238, payable: 11662, lastDay: '2026-12-07' });
    expect(skontoTermOf(invoice({ skontoTerm: null }))).toBeNull();
  });

  it('a payment of the amount less the discount within the term takes it; late, partial or whole it does not', () => {
    expect(skontoOffer(invoice(), '2026-12-07', 11662)).toEqual({ amount: 11662, skonto: 238 });
    expect(skontoOffer(invoice(), '2026-12-08', 11662)).toBeNull();
    expect(skontoOffer(invoice(), '2026-12-01', 11000)).toBeNull();
    expect(skontoOffer(invoice(), '2026-12-01', 11900)).toBeNull();
    // Once something settled part of the invoice, Skonto is for a person to decide.
    expect(skontoOffer(afterAllocation(invoice(), paid(5000), '2026-11-30'), '2026-12-01', 6662)).toBeNull();
  });
});

describe('an allocation', () => {
  it('may settle at most what is open', () => {
    expect(allocationProblem(invoice(), paid(11900), payment, 'bookkeeper')).toBeNull();
    expect(allocationProblem(invoice(), paid(11901), payment, 'bookkeeper')).toEqual({ field: 'amount', problem: 'validation.exceedsOpen' });
    expect(allocationProblem(invoice(), paid(0), payment, 'bookkeeper')).toEqual({ field: 'amount', problem: 'validation.positive' });
  });

  it('goes only to an issued invoice of the payment’s currency and customer', () => {
    expect(allocationProblem(invoice({ status: 'draft' }), paid(100), payment, 'admin')).toEqual({ field: 'invoiceId', problem: 'validation.invoiceNotOpen' });
    expect(allocationProblem(invoice({ documentType: 'creditNote' }), paid(100), payment, 'admin')).toEqual({ field: 'invoiceId', problem: 'validation.invoiceNotOpen' });
    expect(allocationProblem(invoice(), paid(100), { ...payment, currency: 'CHF' }, 'admin')).toEqual({ field: 'invoiceId', problem: 'validation.currencyMismatch' });
    expect(allocationProblem(invoice(), paid(100), { ...payment, customerId: 'c-2' }, 'admin')).toEqual({ field: 'invoiceId', problem: 'validation.otherCustomer' });
  });

  it('takes Skonto only within the term, up to the discount, and only where there is a term', () => {
    expect(allocationProblem(invoice(), paid(11662, 238), { ...payment, date: '2026-12-07' }, 'bookkeeper')).toBeNull();
    expect(allocationProblem(invoice(), paid(11662, 238), { ...payment, date: '2026-12-08' }, 'bookkeeper')).toEqual({ field: 'skonto', problem: 'validation.skontoExpired' });
    expect(allocationProblem(invoice(), paid(11661, 239), payment, 'bookkeeper')).toEqual({ field: 'skonto', problem: 'validation.skontoTooHigh' });
    expect(allocationProblem(invoice({ skontoTerm: null }), paid(11662, 238), payment, 'bookkeeper')).toEqual({ field: 'skonto', problem: 'validation.noSkonto' });
  });

  it('writes off only by a supervisor or an admin, up to the limit, and only the rest that closes the invoice', () => {
    const rest = afterAllocation(invoice(), paid(11400), '2026-11-30'); // 5.00 left
    expect(allocationProblem(rest, paid(0, 0, 500), payment, 'supervisor')).toBeNull();
    expect(allocationProblem(rest, paid(0, 0, 500), payment, 'bookkeeper')).toEqual({ field: 'writeOff', problem: 'validation.writeOffNotAllowed' });
    expect(allocationProblem(rest, paid(0, 0, 400), payment, 'admin')).toEqual({ field: 'writeOff', problem: 'validation.writeOffNotClosing' });
    const big = afterAllocation(invoice(), paid(11900 - WRITE_OFF_LIMIT - 1), '2026-11-30');
    expect(allocationProblem(big, paid(0, 0, WRITE_OFF_LIMIT + 1), payment, 'admin')).toEqual({ field: 'writeOff', problem: 'validation.writeOffTooHigh' });
  });
});

describe('the allocations of one payment', () => {
  const two = new Map([
    ['inv-1', invoice()],
    ['inv-2', invoice({ id: 'inv-2', number: 'RE-2026-A-000002', amountDue: 9520, skontoTerm: null })],
    ['inv-3', invoice({ id: 'inv-3', number: 'RE-2026-A-000003', customerId: 'c-2' })],
  ]);
  const of = (amount: number) => ({ ...payment, amount, alreadyAllocated: 0 });

  it('settle several invoices of one customer, within the payment, and name that customer', () => {
    const checked = checkAllocations(two, [{ invoiceId: 'inv-1', ...paid(11900) }, { invoiceId: 'inv-2', ...paid(9520) }], of(21420), 'bookkeeper');
    expect(checked).toEqual({ problems: [], customerId: 'c-1', accepted: [expect.objectContaining({ invoiceId: 'inv-1', number: 'RE-2026-A-000001' }), expect.objectContaining({ invoiceId: 'inv-2' })] });
  });

  it('name each refused allocation by its index and field', () => {
    const checked = checkAllocations(
      two,
      [{ invoiceId: 'inv-1', ...paid(100) }, { invoiceId: 'inv-1', ...paid(100) }, { invoiceId: 'inv-3', ...paid(100) }, { invoiceId: 'nope', ...paid(100) }],
      of(1000),
      'bookkeeper',
    );
    expect(checked.problems).toEqual([
      { index: 1, field: 'invoiceId', problem: 'validation.duplicateInvoice' },
      { index: 2, field: 'invoiceId', problem: 'validation.otherCustomer' },
      { index: 3, field: 'invoiceId', problem: 'validation.invoiceNotOpen' },
    ]);
  });

  it('never settle more than the payment brought', () => {
    expect(checkAllocations(two, [{ invoiceId: 'inv-1', ...paid(11900) }], { ...of(20000), alreadyAllocated: 8101 }, 'bookkeeper').problems).toEqual([
      { index: -1, field: 'allocations', problem: 'validation.allocationsExceedPayment' },
    ]);
  });
});
