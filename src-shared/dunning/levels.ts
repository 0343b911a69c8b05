/**
 * Dunning levels: when an overdue invoice is due for its next reminder, what it costs, and from
 * when default interest runs. Pure rules over plain data; the reminder run in main applies them.
 *
 * - Level 0 is the friendly payment reminder (Zahlungserinnerung), 1 and 2 are the first and
 *   second dunning letter (Mahnung), 3 the final notice (letzte Mahnung) with a deadline.
 * - A level is due `days` after the invoice's due date (`after: 'dueDate'`) or after the letter
 *   of the level before (`after: 'previous'`), and never before the deadline that letter gave.
 *   Levels switched off are skipped; the highest level sent is the last one.
 * - Default (Verzug) begins, and with it default interest (§ 288 BGB, see `interest.ts`):
 *   - where the payment date is agreed in the contract (`dueDateAgreed`, § 286 Abs. 2 Nr. 1
 *     BGB): the day after the due date;
 *   - otherwise on the day after the deadline of the first dunning letter (level 1 or higher;
 *     a demand with a deadline puts in default when the deadline has passed, § 286 Abs. 1 BGB);
 *   - for businesses at the latest 30 days after the due date (§ 286 Abs. 3 BGB; the invoice
 *     reached them by the due date). For consumers § 286 Abs. 3 needs a note on the invoice, so
 *     it is not relied on.
 * - Fees per level, separately for consumers and businesses, only for letters written while the
 *   customer is in default: the letter that puts them in default costs them nothing.
 * - For businesses the company may claim the EUR 40 lump sum of § 288 Abs. 5 BGB once per
 *   invoice, from the first letter in default on. Costs of pursuing the claim count against it
 *   (§ 288 Abs. 5 S. 3 BGB): with the lump sum no level fees are charged, and level fees charged
 *   before lower it. Once claimed, it stays on every later letter of the invoice.
 */
import type { CustomerKind } from './interest.js';
import { addDays, daysBetween } from '../dates.js';

export const DUNNING_LEVELS = [0, 1, 2, 3] as const;
export type DunningLevel = (typeof DUNNING_LEVELS)[number];
export const FINAL_LEVEL: DunningLevel = 3;
/** § 288 Abs. 5 BGB: EUR 40 in cents. */
export const FLAT_FEE_BUSINESS = 4000;

export type DunningLevelRule = {
  level: DunningLevel;
  enabled: boolean;
  days: number;
  after: 'dueDate' | 'previous';
  /** Cents. */
  feeConsumer: number;
  feeBusiness: number;
  /** The letter asks for payment within this many days. */
  deadlineDays: number;
  /** The company's own paragraph for this level; the standard text when empty. */
  text: string;
};

export type DunningRules = {
  levels: DunningLevelRule[];
  chargeInterest: boolean;
  flatFeeBusiness: boolean;
  /** Invoices with less open than this (cents) get no reminder. */
  minimumOpen: number;
  /** The payment date is agreed in the contracts: the due date alone puts in default. */
  dueDateAgreed: boolean;
};

export const DEFAULT_DUNNING_RULES: DunningRules = {
  levels: [
    { level: 0, enabled: true, days: 7, after: 'dueDate', feeConsumer: 0, feeBusiness: 0, deadlineDays: 7, text: '' },
    { level: 1, enabled: true, days: 14, after: 'previous', feeConsumer: 250, feeBusiness: 500, deadlineDays: 10, text: '' },
    { level: 2, enabled: true, days: 14, after: 'previous', feeConsumer: 250, feeBusiness: 500, deadlineDays: 10, text: '' },
    { level: 3, enabled: true, days: 14, after: 'previous', feeConsumer: 500, feeBusiness: 1000, deadlineDays: 7, text: '' },
  ],
  chargeInterest: true,
  flatFeeBusiness: false,
  minimumOpen: 500,
  dueDateAgreed: false,
};

/** A reminder already sent for the invoice. */
export type SentReminder = { level: number; runDate: string; deadline: string; fee: number; flatFee: number };

export type NextLevel = { level: DunningLevel; dueOn: string };

/** Day arithmetic has one home; reminders import it from here as before. */
export { addDays, daysBetween };

/** The last letter sent: the one with the highest level. */
export function lastSent(sent: readonly SentReminder[]): SentReminder | undefined {
  return sent.reduce<SentReminder | undefined>((top, r) => (!top || r.level > top.level ? r : top), undefined);
}

/** The next level and the day it falls due, or null when the last level was sent. */
export function nextLevelOf(rules: DunningRules, dueDate: string, sent: readonly SentReminder[]): NextLevel | null {
  const last = lastSent(sent);
  const rule = rules.levels
    .filter((l) => l.enabled && l.level > (last?.level ?? -1))
    .sort((a, b) => a.level - b.level)[0];
  if (!rule) return null;
  const base = rule.after === 'previous' && last ? last.runDate : dueDate;
  let dueOn = addDays(base, rule.days);
  // Never before the deadline of the letter before has passed, and never on the due date itself.
  if (last?.deadline && dueOn <= last.deadline) dueOn = addDays(last.deadline, 1);
  if (dueOn <= dueDate) dueOn = addDays(dueDate, 1);
  return { level: rule.level, dueOn };
}

export function ruleOf(rules: DunningRules, level: number): DunningLevelRule | undefined {
  return rules.levels.find((l) => l.level === level);
}

export type Charges = { fee: number; earlierFees: number; flatFee: number };

/**
 * What a letter of `level` charges, given the letters sent before for the same invoice and
 * whether the customer is in default on the letter's date: its own level fee, the level fees of
 * the letters before, and the lump sum (see the rules above).
 */
export function chargesOf(rules: DunningRules, level: number, kind: CustomerKind, sent: readonly SentReminder[], inDefault: boolean): Charges {
  const earlierFees = sent.reduce((sum, r) => sum + r.fee, 0);
  const claimed = sent.some((r) => r.flatFee > 0);
  const flat = claimed || (kind === 'business' && rules.flatFeeBusiness && level >= 1 && inDefault);
  const flatFee = flat ? Math.max(0, FLAT_FEE_BUSINESS - earlierFees) : 0;
  const rule = ruleOf(rules, level);
  const fee = flat || !inDefault || !rule ? 0 : kind === 'business' ? rule.feeBusiness : rule.feeConsumer;
  return { fee, earlierFees, flatFee };
}

/**
 * The first day of default (and of default interest), or null while it has not begun: see the
 * rules above. `sent` are the letters before.
 */
export function defaultStartOf(rules: Pick<DunningRules, 'dueDateAgreed'>, kind: CustomerKind, dueDate: string, sent: readonly SentReminder[]): string | null {
  if (rules.dueDateAgreed) return addDays(dueDate, 1);
  const demand = sent.filter((r) => r.level >= 1).sort((a, b) => a.runDate.localeCompare(b.runDate))[0];
  const afterDemand = demand ? addDays(demand.deadline, 1) : null;
  if (kind === 'consumer') return afterDemand;
  const statutory = addDays(dueDate, 31);
  return afterDemand && afterDemand < statutory ? afterDemand : statutory;
}

/** Checks a rule set: levels 0 … 3 once each, in order. Returns the problems as field → i18n key. */
export function dunningRuleProblems(rules: DunningRules): { field: string; problem: string }[] {
  const problems: { field: string; problem: string }[] = [];
  const levels = rules.levels.map((l) => l.level);
  if (levels.length !== 4 || levels.some((l, i) => l !== i)) problems.push({ field: 'levels', problem: 'validation.dunningLevels' });
  rules.levels.forEach((l, i) => {
    if (l.level === 0 && l.after !== 'dueDate') problems.push({ field: `levels.${i}.after`, problem: 'validation.dunningFirstAfterDueDate' });
  });
  return problems;
}
