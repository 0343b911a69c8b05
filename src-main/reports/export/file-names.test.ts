/**
 * An export is named for what it shows: the report, the customer of a statement and the days the
 * report covers (its as-of day or period), not the day it was made (the clock stands at 2026-11-27).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import { issued } from '../../../tests/support/pdf.js';
import { reportDaysOf } from './handlers.js';

let app: TestApp;
let t: Team;
let customerId: string;
let customerNumber: string;

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  const c = await customer(t.bookkeeper, { name: 'Bäckerei Schmidt GmbH' });
  customerId = c.id;
  customerNumber = c.number;
  const p = await product(t.bookkeeper, { sku: 'NAME-1', netPrice: '100', vatRate: '19' });
  await issued(t, { customerId, issueDate: '2026-10-01', lines: [{ productId: p.id, quantity: '1' }] });
}, 60_000);
afterAll(async () => app.stop());

const exported = (report: string, params: Record<string, unknown>, format: 'csv' | 'xlsx' = 'csv') => unwrap(t.bookkeeper.invoke('reports.export', { report, params, format } as never));

describe('export file names', () => {
  it('carry the as-of day, the period, and for a statement the customer number', async () => {
    expect((await exported('openItems', { asOf: '2026-10-15' })).fileName).toBe('Offene-Posten_2026-10-15.csv');
    expect((await exported('revenue', { from: '2026-01-01', to: '2026-12-31', period: 'month', by: 'none', basis: 'soll' }, 'xlsx')).fileName).toMatch(/_2026-01-01_2026-12-31\.xlsx$/);
    expect(customerNumber).toBeTruthy();
    expect((await exported('statement', { customerId, from: '2026-01-01', to: '2026-12-31' })).fileName).toBe(`Kontoauszug_${customerNumber}_2026-01-01_2026-12-31.csv`);
  });

  it('fall back to the day of the export only when the report names no day', () => {
    expect(reportDaysOf({ from: '2026-01-01', to: '2026-03-31' }, '2026-11-27')).toBe('2026-01-01_2026-03-31');
    expect(reportDaysOf({ asOf: '2026-10-15' }, '2026-11-27')).toBe('2026-10-15');
    expect(reportDaysOf({ month: '2026-11' }, '2026-11-27')).toBe('2026-11');
    expect(reportDaysOf({ period: '2026-Q4' }, '2026-11-27')).toBe('2026-Q4');
    expect(reportDaysOf({ from: '2026-12-01', weeks: 4 }, '2026-11-27')).toBe('2026-12-01');
    expect(reportDaysOf({}, '2026-11-27')).toBe('2026-11-27');
  });
});
