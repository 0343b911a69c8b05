import { ensurePrivateDir, writePrivateFile } from '../store/private-files.js';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, type CompanyProfile, type ParsedInputOf, type PublicUser } from '../../src-shared/contract/index.js';
import type { HandlerImpls } from '../server/dispatcher.js';
import type { Core } from '../server/core.js';
import type { SettingsDoc } from '../store/schemas/config.js';
import { seriesLetterTakenBy } from '../store/number-series.js';
import { bankChanges } from './bank-details.js';
import type { SettingsPorts } from './ports.js';
import { bankDetailsOf, bankSaveOf, changedBankFields } from './bank-rules.js';

export type SettingsHandlers = Pick<
  HandlerImpls,
  'settings.getCompany' | 'settings.saveCompany' | 'settings.setLogo' | 'settings.getLogo' | 'settings.confirmBankChange' | 'settings.rejectBankChange'
>;

const COMPANY_ID = 'company';
const seriesId = (deviceId: string) => `series-inv-${deviceId}`;
const LOGO_LIMIT = 1024 * 1024;

/** PNG and JPEG signatures: the declared type must match the bytes. */
function imageKind(bytes: Buffer): 'image/png' | 'image/jpeg' | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return undefined;
}

export function toCompanyProfile(company: SettingsDoc | null, series: SettingsDoc | null): CompanyProfile | null {
  const c = company?.company;
  if (!c) return null;
  return {
    name: c.name,
    street: c.address?.street ?? '',
    postalCode: c.address?.postalCode ?? '',
    city: c.address?.city ?? '',
    country: c.address?.country ?? 'DE',
    vatId: c.vatId ?? '',
    taxNumber: c.taxNumber ?? '',
    iban: c.iban ?? '',
    bic: c.bic ?? '',
    bankName: c.bankName ?? '',
    email: c.email ?? '',
    phone: c.phone ?? '',
    website: c.website ?? '',
    register: c.register ?? '',
    managingDirectors: c.managingDirectors ?? '',
    defaultPaymentTermsDays: c.defaultPaymentTermsDays ?? 14,
    defaultCurrency: (c.defaultCurrency ?? 'EUR') as CompanyProfile['defaultCurrency'],
    defaultLanguage: c.defaultLanguage ?? 'de',
    smallBusiness: c.smallBusiness ?? false,
    taxation: c.taxation ?? 'soll',
    invoicePrefix: series?.numberSeries?.prefix ?? 'RE',
    seriesLetter: series?.numberSeries?.seriesLetter ?? 'A',
    logoFile: c.logoFile ?? null,
    updatedAt: company?.updatedAt ?? null,
    pendingBankChange: null,
    seriesLetterTaken: false,
  };
}

function companyFields(input: ParsedInputOf<'settings.saveCompany'>, logoFile: string | undefined): NonNullable<SettingsDoc['company']> {
  const fields: NonNullable<SettingsDoc['company']> = {
    name: input.name,
    address: { street: input.street, postalCode: input.postalCode, city: input.city, country: input.country },
    vatId: input.vatId,
    taxNumber: input.taxNumber,
    iban: input.iban,
    bic: input.bic,
    bankName: input.bankName,
    email: input.email,
    phone: input.phone,
    website: input.website,
    register: input.register,
    managingDirectors: input.managingDirectors,
    defaultPaymentTermsDays: input.defaultPaymentTermsDays,
    defaultCurrency: input.defaultCurrency,
    defaultLanguage: input.defaultLanguage,
    smallBusiness: input.smallBusiness,
    taxation: input.taxation,
  };
  if (logoFile) fields.logoFile = logoFile;
  return fields;
}

export function settingsHandlers(core: Pick<Core, 'books' | 'writes' | 'clock'>, ports: SettingsPorts): SettingsHandlers {
  const { books, writes, clock } = core;
  const settings = books.db.settings;
  const filesDir = path.join(books.dataDir, 'files');
  const bank = bankChanges(core, ports);

  const load = async () => {
    const [company, series] = await Promise.all([
      settings.findOne(COMPANY_ID).exec(),
      settings.findOne(seriesId(books.deviceId)).exec(),
    ]);
    return { company, series };
  };

  /** The profile as the asking user sees it, with a change of the bank details waiting for a second person. */
  const profileFor = async (user: PublicUser): Promise<CompanyProfile | null> => {
    const { company, series } = await load();
    const profile = toCompanyProfile(company?.toMutableJSON() ?? null, series?.toMutableJSON() ?? null);
    if (!profile) return null;
    const seriesLetterTaken = (await seriesLetterTakenBy(books, profile.seriesLetter)) !== null;
    return { ...profile, pendingBankChange: await bank.viewOf(await bank.current(), user), seriesLetterTaken };
  };

  return {
    'settings.getCompany': async (_input, { session }) => profileFor(session.user!),

    'settings.saveCompany': async (input, { session }) => {
      const user = session.user!;
      const userId = user.id;
      const now = clock().toISOString();
      const { company, series } = await load();
      const before = toCompanyProfile(company?.toMutableJSON() ?? null, series?.toMutableJSON() ?? null);
      if (input.seriesLetter !== series?.numberSeries?.seriesLetter && (await seriesLetterTakenBy(books, input.seriesLetter))) {
        throw new AppError('VALIDATION_FAILED', 'Another device numbers with this series letter', { fields: [{ field: 'seriesLetter', problem: 'validation.seriesLetterTaken' }] });
      }
      // Bank details: the first ones an admin sets alone; a change waits for a second person.
      const stored = bankDetailsOf(company?.company);
      const wanted = bankDetailsOf(input);
      const change = await bank.current();
      const outcome = bankSaveOf({ stored, wanted, pending: change?.status === 'pending' ? bankDetailsOf(change) : null, everProposed: Boolean(change), role: user.role });
      if (outcome === 'refuse') {
        throw new AppError('FORBIDDEN', 'Only an administrator changes the bank details', {
          fields: changedBankFields(stored, wanted).map((field) => ({ field, problem: 'validation.bankDetailsAdminOnly' })),
        });
      }
      const saved = { ...input, ...(outcome === 'set' ? wanted : stored) };
      const proposal = outcome === 'propose' ? await bank.propose(wanted, stored, user) : null;
      const companyDoc: SettingsDoc = {
        id: COMPANY_ID,
        kind: 'company',
        company: companyFields(saved, company?.company?.logoFile),
        createdAt: company?.createdAt ?? now,
        createdBy: company?.createdBy ?? userId,
        updatedAt: now,
        updatedBy: userId,
      };
      const seriesDoc: SettingsDoc = {
        id: seriesId(books.deviceId),
        kind: 'numberSeries',
        numberSeries: {
          documentType: 'invoice',
          deviceId: books.deviceId,
          prefix: input.invoicePrefix,
          seriesLetter: input.seriesLetter,
          lastNumber: series?.numberSeries?.lastNumber ?? 0,
        },
        createdAt: series?.createdAt ?? now,
        createdBy: series?.createdBy ?? userId,
        updatedAt: now,
        updatedBy: userId,
      };
      await writes.write(
        userId,
        [{ collection: 'settings', action: 'settings.companySaved', entity: 'company', entityId: COMPANY_ID, before, after: saved }, ...(proposal?.changes ?? [])],
        async () => {
          await settings.upsert(companyDoc);
          await settings.upsert(seriesDoc);
          await proposal?.write();
        },
      );
      await proposal?.afterwards();
      return (await profileFor(user))!;
    },

    'settings.confirmBankChange': async ({ id }, { session }) => {
      await bank.decide(id, 'confirmed', session.user!);
      return (await profileFor(session.user!))!;
    },

    'settings.rejectBankChange': async ({ id }, { session }) => {
      await bank.decide(id, 'rejected', session.user!);
      return (await profileFor(session.user!))!;
    },

    'settings.setLogo': async (input, { session }) => {
      const company = await settings.findOne(COMPANY_ID).exec();
      if (!company?.company) {
        throw new AppError('VALIDATION_FAILED', 'Save the company profile first.', { fields: [{ field: 'logo', problem: 'validation.companyFirst' }] });
      }
      const bytes = Buffer.from(input.dataBase64, 'base64');
      if (bytes.length > LOGO_LIMIT) {
        throw new AppError('VALIDATION_FAILED', 'Logo larger than 1 MB', { fields: [{ field: 'logo', problem: 'validation.logoTooLarge' }] });
      }
      if (imageKind(bytes) !== input.mimeType) {
        throw new AppError('VALIDATION_FAILED', 'Not a PNG or JPEG image', { fields: [{ field: 'logo', problem: 'validation.logoType' }] });
      }
      const sha = createHash('sha256').update(bytes).digest('hex');
      const logoFile = `files/logo-${sha.slice(0, 16)}.${input.mimeType === 'image/png' ? 'png' : 'jpg'}`;
      ensurePrivateDir(filesDir);
      writePrivateFile(path.join(books.dataDir, logoFile), bytes);
      const userId = session.user!.id;
      await writes.write(
        userId,
        { collection: 'settings', action: 'settings.logoChanged', entity: 'company', entityId: COMPANY_ID, before: company.company.logoFile, after: { logoFile, sha256: sha } },
        () => company.incrementalPatch({ company: { ...company.toMutableJSON().company!, logoFile }, updatedAt: clock().toISOString(), updatedBy: userId }),
      );
      return { logoFile };
    },

    'settings.getLogo': async () => {
      const company = await settings.findOne(COMPANY_ID).exec();
      const logoFile = company?.company?.logoFile;
      if (!logoFile) return null;
      const file = path.join(books.dataDir, logoFile);
      if (!file.startsWith(filesDir + path.sep) || !fs.existsSync(file)) return null;
      const mime = logoFile.endsWith('.png') ? 'image/png' : 'image/jpeg';
      return { dataUrl: `data:${mime};base64,${fs.readFileSync(file).toString('base64')}` };
    },
  };
}
