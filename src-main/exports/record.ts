/**
 * Every export for the tax advisor (DATEV) or an auditor (GoBD data access) is recorded as a
 * `taxExport` fact: who, when, the period, whether it was festgeschrieben, and each file's name,
 * SHA-256 and line count. A second export of the same period shows as such; nothing is edited.
 */
import type { TaxExportFile, TaxExportRecord, TaxExportType } from '../../src-shared/contract/index.js';
import type { Core } from '../server/core.js';
import { newFact } from '../store/facts.js';
import type { FactDoc } from '../store/schemas/facts.js';

export type TaxExportDebitor = { customerId: string; account: string };
export type TaxExportInput = {
  type: TaxExportType;
  from: string;
  to: string;
  festgeschrieben: boolean;
  files: readonly TaxExportFile[];
  /** DATEV: the Debitor of each customer in the batch, which the customer keeps in every later export. */
  debitors?: readonly TaxExportDebitor[];
};

async function userNames(core: Core, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter(Boolean))];
  if (!wanted.length) return new Map();
  const docs = await core.books.db.users.findByIds(wanted).exec();
  return new Map([...docs.values()].map((doc) => [doc.id, doc.name]));
}

function recordOf(fact: Pick<FactDoc, 'id' | 'occurredAt' | 'userId' | 'taxExport'>, names: ReadonlyMap<string, string>): TaxExportRecord {
  const e = fact.taxExport!;
  const userId = fact.userId ?? '';
  return {
    id: fact.id,
    type: e.type,
    from: e.from,
    to: e.to,
    at: fact.occurredAt,
    userId,
    userName: names.get(userId) ?? '',
    festgeschrieben: e.festgeschrieben,
    files: e.files.map((f) => ({ fileName: f.fileName, sha256: f.sha256, lines: f.lines })),
  };
}

/** Records an export through the one write path, with its audit entry. */
export async function recordTaxExport(core: Core, input: TaxExportInput, userId: string): Promise<TaxExportRecord> {
  const taxExport = {
    type: input.type, from: input.from, to: input.to, festgeschrieben: input.festgeschrieben, files: input.files.map((f) => ({ ...f })),
    ...(input.debitors ? { debitors: input.debitors.map((d) => ({ customerId: d.customerId, account: d.account })) } : {}),
  };
  const fact = newFact(core.books.deviceId, { kind: 'taxExport', subjectId: input.type, occurredAt: core.clock().toISOString(), userId, taxExport });
  await core.writes.write(userId, { collection: 'facts', action: 'taxExport.recorded', entity: 'taxExport', entityId: fact.id, after: taxExport }, async () => {
    await core.books.db.facts.insert(fact);
  });
  return recordOf(fact, await userNames(core, [userId]));
}

/**
 * The recorded exports of a type (or all), newest first; with `from`/`to` only those whose period
 * overlaps from..to.
 */
export async function taxExportsOf(core: Core, type?: TaxExportType, from?: string, to?: string): Promise<TaxExportRecord[]> {
  const docs = await core.books.db.facts.find({ selector: type ? { kind: 'taxExport', subjectId: type } : { kind: 'taxExport' } }).exec();
  const facts = docs
    .map((doc) => doc.toJSON() as FactDoc)
    .filter((f) => f.taxExport && (!to || f.taxExport.from <= to) && (!from || f.taxExport.to >= from))
    .sort((a, b) => (a.occurredAt === b.occurredAt ? b.id.localeCompare(a.id) : b.occurredAt.localeCompare(a.occurredAt)));
  const names = await userNames(core, facts.map((f) => f.userId ?? ''));
  return facts.map((f) => recordOf(f, names));
}

/**
 * The Debitor each customer was last exported with to DATEV (any period), by customer id: a
 * customer keeps it, whatever its number became since.
 */
export async function exportedDebitors(core: Core): Promise<Map<string, string>> {
  const docs = await core.books.db.facts.find({ selector: { kind: 'taxExport', subjectId: 'datev' } }).exec();
  const facts = docs
    .map((doc) => doc.toJSON() as FactDoc)
    .sort((a, b) => (a.occurredAt === b.occurredAt ? a.id.localeCompare(b.id) : a.occurredAt.localeCompare(b.occurredAt)));
  const debitors = new Map<string, string>();
  for (const f of facts) for (const d of f.taxExport?.debitors ?? []) debitors.set(d.customerId, d.account);
  return debitors;
}
