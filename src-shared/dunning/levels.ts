/**
 * Dunning levels: when an overdue invoice is due for its next reminder, what it costs, and from
 * when default interest runs. Pure rules over plain data; the reminder run in main applies them.
 *
 * - Level 0 is the friendly payment reminder (Zahlungserinnerung), 1 and 2 are the first and
 *   second dunning letter (Mahnung), 3 the final notice (letzte Mahnung) with a deadline.
 * - A level is due `days` after the invoice's due date (`after: 'dueDate'`) or after the letter
 *   of the level before (`after: 'previous'`), and never before the deadline that letter gave.
 *   Levels switched off are skipped; the highest level sent is the last one.
 * - Fees per level, separately for consumers and businesses. For businesses the company may
 *   charge the EUR 40 lump sum of § 288 Abs. 5 BGB once per invoice, from the first dunning
 *   letter (level 1) on; the lump sum covers the creditor's own collection costs (§ 288 Abs. 5
 *   S. 3 BGB), so with it the level fees are not charged to businesses on top.
 * - Default interest (§ 288 BGB, see `interest.ts`) runs for businesses from the day after the due
 *   date (the due date is fixed by the calendar, § 286 Abs. 2 Nr. 1 BGB), for consumers from the
 *   day after the first dunning letter (level 1), which puts them in default (§ 286 Abs. 1 BGB).
 */
import type { CustomerKind } from './interest.js';

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
};

/** A reminder already sent for the invoice. */
export type SentReminder = { level: number; runDate: string; deadline: string; fee: number; flatFee: number };

export type NextLevel = { level: DunningLevel; dueOn: string };

const DAY = 86_400_000;
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

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
 * What a letter of `level` charges, given the letters sent before for the same invoice: its own
 * level fee, the level fees of the letters before, and the flat fee, which once claimed stays on
 * every later letter of the invoice (it is owed once, not once per letter).
 */
export function chargesOf(rules: DunningRules, level: number, kind: CustomerKind, sent: readonly SentReminder[]): Charges {
  const earlierFees = sent.reduce((sum, r) => sum + r.fee, 0);
  const flatFeeClaimed = sent.some((r) => r.flatFee > 0);
  const flat = kind === 'business' && rules.flatFeeBusiness;
  const flatFee = flatFeeClaimed || (flat && level >= 1) ? FLAT_FEE_BUSINESS : 0;
  const rule = ruleOf(rules, level);
  const fee = flat || !rule ? 0 : kind === 'business' ? rule.feeBusiness : rule.feeConsumer;
  return { fee, earlierFees, flatFee };
}

/**
 * The first day of default interest, or null when none runs yet at `date`: for businesses the
 * day after the due date, for consumers the day after the first dunning letter (level 1).
 */
export function interestStartOf(kind: CustomerKind, dueDate: string, sent: readonly SentReminder[]): string | null {
  if (kind === 'business') return addDays(dueDate, 1);
  const first = sent.filter((r) => r.level >= 1).sort((a, b) => a.runDate.localeCompare(b.runDate))[0];
  return first ? addDays(first.runDate, 1) : null;
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
