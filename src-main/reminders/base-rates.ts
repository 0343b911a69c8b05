/**
 * The maintenance task that brings the base-rate table up to date: it reads a newer table, as the
 * Deutsche Bundesbank's CSV export of the series "Basiszinssatz gemäß § 247 BGB" (`2026-07;1,27`
 * or `2026-07-01;1.27`, German or English decimals, header lines ignored) or as our JSON, merges
 * it into the table in use, and keeps it. All or nothing: a published rate that would change, a
 * date that is not 1 January or 1 July, or a gap, and nothing is kept.
 */
import { AppError, type BaseRatesView } from '../../src-shared/contract/index.js';
import { baseRateOn, validateBaseRateTable, type BaseRateTable } from '../../src-shared/dunning/interest.js';
import { addDays } from '../../src-shared/dunning/levels.js';
import { dec } from '../../src-shared/money/decimal.js';
import type { Core } from '../server/core.js';
import { newFact } from '../store/facts.js';
import type { DunningRulesStore } from './rules.js';

const LINE = /^\s*"?(\d{4})-(\d{2})(?:-(\d{2}))?"?\s*[;,\t]\s*"?(-?\d+(?:[.,]\d+)?)"?/;

const problem = (field: string, key: string, message: string) => new AppError('VALIDATION_FAILED', message, { fields: [{ field, problem: key }] });

/** Rates from CSV lines; only 1 January and 1 July count (a monthly series repeats them). */
function ratesFromCsv(content: string): { from: string; rate: string }[] {
  const rates: { from: string; rate: string }[] = [];
  for (const line of content.split(/\r?\n/)) {
    const m = LINE.exec(line);
    if (!m) continue;
    const [, year, month, day] = m;
    if (month !== '01' && month !== '07') continue;
    if (day && day !== '01') continue;
    rates.push({ from: `${year}-${month}-01`, rate: m[4]!.replace(',', '.') });
  }
  return rates;
}

function halfYearEnd(from: string): string {
  const [y, m] = from.split('-');
  return m === '01' ? `${y}-06-30` : `${y}-12-31`;
}

/** The table in use with the newer rates merged in; throws a field-naming error when anything is off. */
export function mergeBaseRates(current: BaseRateTable, content: string, today: string): BaseRateTable {
  const trimmed = content.trim();
  let incoming: { from: string; rate: string }[];
  if (trimmed.startsWith('{')) {
    try {
      incoming = validateBaseRateTable(JSON.parse(trimmed)).rates;
    } catch (error) {
      throw problem('content', 'validation.baseRatesFormat', error instanceof Error ? error.message : String(error));
    }
  } else {
    incoming = ratesFromCsv(trimmed);
  }
  if (!incoming.length) throw problem('content', 'validation.baseRatesEmpty', 'No base rates found (expected lines such as "2026-07;1,27")');
  const byDate = new Map(current.rates.map((r) => [r.from, r.rate]));
  for (const r of incoming) {
    const known = byDate.get(r.from);
    if (known !== undefined && !dec(known).eq(dec(r.rate))) {
      throw problem('content', 'validation.baseRateChanged', `${r.from}: ${r.rate} differs from the published ${known}`);
    }
    if (known === undefined) byDate.set(r.from, r.rate);
  }
  const rates = [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([from, rate]) => ({ from, rate }));
  // No gaps: every half-year from the first to the last.
  for (let i = 1; i < rates.length; i++) {
    if (addDays(halfYearEnd(rates[i - 1]!.from), 1) !== rates[i]!.from) {
      throw problem('content', 'validation.baseRatesGap', `${rates[i]!.from}: the half-year before it is missing`);
    }
  }
  const last = rates[rates.length - 1]!.from;
  const table = { source: current.source, validThrough: halfYearEnd(last) > current.validThrough ? halfYearEnd(last) : current.validThrough, updatedAt: today, rates };
  try {
    return validateBaseRateTable(table);
  } catch (error) {
    throw problem('content', 'validation.baseRatesFormat', error instanceof Error ? error.message : String(error));
  }
}

export function baseRatesView(table: BaseRateTable, today: string): BaseRatesView {
  const current = [...table.rates].reverse().find((r) => r.from <= today) ?? null;
  return { source: table.source, validThrough: table.validThrough, updatedAt: table.updatedAt, rates: table.rates, current: current && { from: current.from, rate: baseRateOn(table, today).rate } };
}

/** Runs the update and records it as a maintenance run; an update that brings nothing new is recorded too. */
type BaseRateCore = Pick<Core, 'books' | 'writes' | 'clock'>;

export async function updateBaseRates(core: BaseRateCore, rules: DunningRulesStore, content: string, userId: string): Promise<BaseRatesView> {
  const today = core.clock().toISOString().slice(0, 10);
  const current = await rules.baseRates();
  let next: BaseRateTable;
  try {
    next = mergeBaseRates(current, content, today);
  } catch (error) {
    await recordRun(core, userId, 'failed', error instanceof Error ? error.message : String(error));
    throw error;
  }
  const added = next.rates.length - current.rates.length;
  if (added > 0 || next.validThrough > current.validThrough) await rules.storeBaseRates(next, userId);
  await recordRun(core, userId, 'ok', `${added} new base rates; valid through ${next.validThrough}`);
  return baseRatesView(added > 0 || next.validThrough > current.validThrough ? next : current, today);
}

async function recordRun(core: BaseRateCore, userId: string, outcome: 'ok' | 'failed', detail: string): Promise<void> {
  const now = core.clock().toISOString();
  const fact = newFact(core.books.deviceId, { kind: 'maintenanceRun', subjectId: 'baseRates', occurredAt: now, userId, maintenanceRun: { task: 'baseRates.update', outcome, detail: detail.slice(0, 2000) } });
  await core.writes.write(userId, { collection: 'facts', action: 'maintenance.baseRates', entity: 'maintenance', entityId: fact.id, after: { outcome, detail } }, () => core.books.db.facts.insert(fact));
}
