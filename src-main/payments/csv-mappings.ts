/** The CSV column mappings saved per bank, and the header row of a CSV file to map its columns. */
import { createHash } from 'node:crypto';
import type { CsvMappingView, ParsedInputOf, PublicUser } from '../../src-shared/contract/index.js';
import type { Core } from '../server/core.js';
import { decodeBankText } from './import/mt940.js';

const mappingId = (name: string) => `csvMapping-${createHash('sha256').update(name).digest('hex').slice(0, 24)}`;

export async function csvMappings(core: Pick<Core, 'books'>): Promise<{ name: string; mapping: CsvMappingView }[]> {
  const docs = await core.books.db.settings.find({ selector: { kind: 'preference' } }).exec();
  return docs
    .filter((d) => d.preference?.key.startsWith('csvMapping:'))
    .map((d) => ({ name: d.preference!.key.slice('csvMapping:'.length), mapping: JSON.parse(d.preference!.value) as CsvMappingView }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function saveCsvMapping(core: Core, { name, mapping }: ParsedInputOf<'payments.saveCsvMapping'>, user: PublicUser): Promise<{ name: string; mapping: CsvMappingView }> {
  const id = mappingId(name);
  const existing = await core.books.db.settings.findOne(id).exec();
  const now = core.clock().toISOString();
  const doc = { id, kind: 'preference' as const, preference: { key: `csvMapping:${name}`, value: JSON.stringify(mapping) }, createdAt: existing?.createdAt ?? now, createdBy: existing?.createdBy ?? user.id, updatedAt: now, updatedBy: user.id };
  await core.writes.write(user.id, { collection: 'settings', action: 'payments.csvMappingSaved', entity: 'settings', entityId: id, after: { name, mapping } }, () => core.books.db.settings.upsert(doc));
  return { name, mapping };
}

export function csvHeader({ dataBase64, delimiter }: ParsedInputOf<'payments.csvHeader'>): { columns: string[] } {
  const text = decodeBankText(Buffer.from(dataBase64, 'base64')).replace(/^\uFEFF/, '');
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  return { columns: first.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1')).filter(Boolean) };
}
