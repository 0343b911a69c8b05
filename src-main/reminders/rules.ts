/**
 * Where the dunning rules and the base-rate table live: the company's rules in the settings
 * document `dunning`, a customer's own in `dunning-<customerId>`; the base-rate table ships in
 * `resources/base-rates.json` and a newer one, once a maintenance update has brought it, in the
 * preference `baseRates`. The newer of the two is used.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError, type DunningSettingsView, type ParsedInputOf } from '../../src-shared/contract/index.js';
import { validateBaseRateTable, type BaseRateTable } from '../../src-shared/dunning/interest.js';
import { DEFAULT_DUNNING_RULES, dunningRuleProblems, type DunningLevel, type DunningRules } from '../../src-shared/dunning/levels.js';
import { dec, toMinorUnits } from '../../src-shared/money/decimal.js';
import type { Core } from '../server/core.js';
import type { SettingsDoc } from '../store/schemas/config.js';

export const SHIPPED_BASE_RATES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources/base-rates.json');
const BASE_RATES_KEY = 'baseRates';

type DunningDoc = NonNullable<SettingsDoc['dunning']>;
export type CompanyDunning = DunningRules & { autoRun: 'off' | 'propose' | 'send'; runDeviceId: string; blockOrdersAtFinalNotice: boolean; updatedAt: string | null };

const settingsId = (customerId: string) => (customerId ? `dunning-${customerId}` : 'dunning');

function rulesOf(doc: DunningDoc | undefined): DunningRules {
  if (!doc) return structuredClone(DEFAULT_DUNNING_RULES);
  return {
    levels: doc.levels.map((l) => ({ ...l, level: l.level as DunningLevel, text: l.text ?? '' })),
    chargeInterest: doc.chargeInterest,
    flatFeeBusiness: doc.flatFeeBusiness,
    minimumOpen: doc.minimumOpen ?? DEFAULT_DUNNING_RULES.minimumOpen,
    dueDateAgreed: doc.dueDateAgreed ?? false,
  };
}

export class DunningRulesStore {
  private shipped: BaseRateTable | null = null;

  constructor(private readonly services: Pick<Core, 'books' | 'writes' | 'clock'>) {}

  private get settings() {
    return this.services.books.db.settings;
  }

  async company(): Promise<CompanyDunning> {
    const doc = await this.settings.findOne('dunning').exec();
    const d = doc?.dunning;
    return {
      ...rulesOf(d),
      autoRun: d?.autoRun ?? 'propose',
      runDeviceId: d?.runDeviceId ?? '',
      blockOrdersAtFinalNotice: d?.blockOrdersAtFinalNotice ?? true,
      updatedAt: doc?.updatedAt ?? null,
    };
  }

  /** Every customer's own rules, by customer id. */
  async overrides(): Promise<Map<string, DunningRules>> {
    const docs = await this.settings.find({ selector: { kind: 'dunning' } }).exec();
    return new Map(docs.filter((d) => d.dunning?.customerId).map((d) => [d.dunning!.customerId, rulesOf(d.dunning)]));
  }

  async view(customerId: string): Promise<DunningSettingsView> {
    const company = await this.company();
    const own = customerId ? await this.settings.findOne(settingsId(customerId)).exec() : null;
    const rules = own?.dunning ? rulesOf(own.dunning) : company;
    return {
      customerId,
      overridden: !!own,
      levels: rules.levels.map((l) => ({ ...l })),
      chargeInterest: rules.chargeInterest,
      flatFeeBusiness: rules.flatFeeBusiness,
      minimumOpen: rules.minimumOpen,
      dueDateAgreed: rules.dueDateAgreed,
      autoRun: company.autoRun,
      runsOnThisDevice: company.runDeviceId === this.services.books.deviceId,
      blockOrdersAtFinalNotice: company.blockOrdersAtFinalNotice,
      updatedAt: (own ?? null)?.updatedAt ?? company.updatedAt,
    };
  }

  async save(input: ParsedInputOf<'reminders.saveSettings'>, userId: string): Promise<DunningSettingsView> {
    const { books, writes, clock } = this.services;
    if (input.customerId && !(await books.db.customers.findOne(input.customerId).exec())) {
      throw new AppError('VALIDATION_FAILED', 'Unknown customer', { fields: [{ field: 'customerId', problem: 'validation.unknownCustomer' }] });
    }
    const levels = input.levels.map((l) => ({
      level: l.level as DunningLevel,
      enabled: l.enabled,
      days: l.days,
      after: l.after,
      feeConsumer: toMinorUnits(dec(l.feeConsumer)),
      feeBusiness: toMinorUnits(dec(l.feeBusiness)),
      deadlineDays: l.deadlineDays,
      text: l.text,
    }));
    const rules: DunningRules = {
      levels,
      chargeInterest: input.chargeInterest,
      flatFeeBusiness: input.flatFeeBusiness,
      minimumOpen: toMinorUnits(dec(input.minimumOpen)),
      dueDateAgreed: input.dueDateAgreed,
    };
    const problems = dunningRuleProblems(rules);
    if (problems.length) throw new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.problem}`).join('; '), { fields: problems });
    const id = settingsId(input.customerId);
    const existing = await this.settings.findOne(id).exec();
    const company = input.customerId ? null : await this.company();
    const now = clock().toISOString();
    const dunning: DunningDoc = {
      customerId: input.customerId,
      levels,
      chargeInterest: rules.chargeInterest,
      flatFeeBusiness: rules.flatFeeBusiness,
      minimumOpen: rules.minimumOpen,
      dueDateAgreed: rules.dueDateAgreed,
      ...(company
        ? {
            autoRun: input.autoRun,
            // The automatic run stays with the device that switched it on, so two devices never both send.
            runDeviceId: input.autoRun === 'off' ? '' : company.autoRun !== 'off' && company.runDeviceId ? company.runDeviceId : books.deviceId,
            blockOrdersAtFinalNotice: input.blockOrdersAtFinalNotice,
          }
        : {}),
    };
    const doc = { id, kind: 'dunning' as const, dunning, createdAt: existing?.createdAt ?? now, createdBy: existing?.createdBy ?? userId, updatedAt: now, updatedBy: userId };
    await writes.write(userId, { collection: 'settings', action: 'settings.dunningSaved', entity: 'settings', entityId: id, before: existing?.dunning, after: dunning }, () => this.settings.upsert(doc));
    return this.view(input.customerId);
  }

  async removeOverride(customerId: string, userId: string): Promise<DunningSettingsView> {
    const doc = await this.settings.findOne(settingsId(customerId)).exec();
    if (doc) {
      await this.services.writes.write(userId, { collection: 'settings', action: 'settings.dunningOverrideRemoved', entity: 'settings', entityId: doc.id, before: doc.dunning }, () => doc.remove());
    }
    return this.view(customerId);
  }

  // ---------------------------------------------------------------- base rates

  shippedBaseRates(): BaseRateTable {
    this.shipped ??= validateBaseRateTable(JSON.parse(fs.readFileSync(SHIPPED_BASE_RATES, 'utf8')));
    return this.shipped;
  }

  async baseRates(): Promise<BaseRateTable> {
    const shipped = this.shippedBaseRates();
    const doc = await this.settings.findOne(BASE_RATES_KEY).exec();
    if (!doc?.preference) return shipped;
    try {
      const stored = validateBaseRateTable(JSON.parse(doc.preference.value));
      return stored.validThrough > shipped.validThrough ? stored : shipped;
    } catch {
      return shipped;
    }
  }

  /** Keeps a newer table (already checked) for every device. */
  async storeBaseRates(table: BaseRateTable, userId: string): Promise<void> {
    const now = this.services.clock().toISOString();
    const existing = await this.settings.findOne(BASE_RATES_KEY).exec();
    const doc = {
      id: BASE_RATES_KEY,
      kind: 'preference' as const,
      preference: { key: BASE_RATES_KEY, value: JSON.stringify(table) },
      createdAt: existing?.createdAt ?? now,
      createdBy: existing?.createdBy ?? userId,
      updatedAt: now,
      updatedBy: userId,
    };
    await this.services.writes.write(userId, { collection: 'settings', action: 'settings.baseRatesUpdated', entity: 'settings', entityId: BASE_RATES_KEY, after: { validThrough: table.validThrough, entries: table.rates.length } }, () =>
      this.settings.upsert(doc),
    );
  }
}
