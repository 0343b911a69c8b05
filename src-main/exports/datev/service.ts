/**
 * The DATEV export: its settings, the preview (lines, sums per account, warnings and errors,
 * earlier exports of the period) and the export itself (Buchungsstapel and Debitoren files,
 * recorded as a `taxExport` fact).
 */
import { AppError, type DatevExportResult, type DatevPreview, type DatevSettingsView, type ParsedInputOf, type PublicUser } from '../../../src-shared/contract/index.js';
import type { Core } from '../../server/core.js';
import type { TaxExportPorts } from '../ports.js';
import { readDatevSettings, saveDatevSettings as save } from './settings.js';

export function datevSettings(core: Core): Promise<DatevSettingsView> {
  return readDatevSettings(core);
}

export function saveDatevSettings(core: Core, input: ParsedInputOf<'exports.saveDatevSettings'>, user: PublicUser): Promise<DatevSettingsView> {
  return save(core, input, user);
}

export async function datevPreview(_core: Core, _ports: TaxExportPorts, _input: ParsedInputOf<'exports.datevPreview'>, _user: PublicUser): Promise<DatevPreview> {
  throw new AppError('INTERNAL', 'not yet');
}

export async function datevExport(_core: Core, _ports: TaxExportPorts, _input: ParsedInputOf<'exports.datev'>, _user: PublicUser): Promise<DatevExportResult> {
  throw new AppError('INTERNAL', 'not yet');
}
