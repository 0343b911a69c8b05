/** The dunning rules on their own: when a level falls due, what it charges, when interest runs, the risk class. */
import { describe, expect, it } from 'vitest';
import { chargesOf, DEFAULT_DUNNING_RULES, defaultStartOf, dunningRuleProblems, FLAT_FEE_BUSINESS, nextLevelOf, type DunningRules, type SentReminder } from './levels.js';
import { approvalReasonsOf, riskOf, type RiskFacts } from './risk.js';

const rules: DunningRules = structuredClone(DEFAULT_DUNNING_RULES);
const sent = (level: number, runDate: string, deadline: string, fee = 0, flatFee = 0): SentReminder => ({ level, runDate, deadline, fee, flatFee });

describe('dunning levels', () => {
  it('level 0 counts from the due date, the next ones from the letter before, never before its deadline', () => {
    expect(nextLevelOf(rules, '2026-03-02', [])).toEqual({ level: 0, dueOn: '2026-03-09' });
    expect(nextLevelOf(rules, '2026-03-02', [sent(0, '2026-03-09', '2026-03-16')])).toEqual({ level: 1, dueOn: '2026-03-23' });
    const slow = { ...rules, levels: rules.levels.map((l) => (l.level === 1 ? { ...l, days: 3 } : l)) };
    // Three days after the reminder would be before its deadline of 16 March: the day after the deadline.
    expect(nextLevelOf(slow, '2026-03-02', [sent(0, '2026-03-09', '2026-03-16')])).toEqual({ level: 1, dueOn: '2026-03-17' });
    expect(nextLevelOf(rules, '2026-03-02', [sent(3, '2026-04-20', '2026-04-27')])).toBeNull();
  });

  it('skips levels switched off; a level counted from the due date ignores the letter before', () => {
    const noFriendly = { ...rules, levels: rules.levels.map((l) => (l.level === 0 ? { ...l, enabled: false } : l.level === 1 ? { ...l, after: 'dueDate' as const, days: 10 } : l)) };
    expect(nextLevelOf(noFriendly, '2026-03-02', [])).toEqual({ level: 1, dueOn: '2026-03-12' });
  });

  it('fees only in default, by customer kind; the €40 flat fee once for businesses, instead of level fees', () => {
    expect(chargesOf(rules, 0, 'business', [], true)).toEqual({ fee: 0, earlierFees: 0, flatFee: 0 });
    // The letter that puts the customer in default costs nothing.
    expect(chargesOf(rules, 1, 'consumer', [sent(0, '2026-03-09', '2026-03-16')], false)).toEqual({ fee: 0, earlierFees: 0, flatFee: 0 });
    expect(chargesOf(rules, 2, 'consumer', [sent(1, '2026-03-23', '2026-04-02')], true)).toEqual({ fee: 250, earlierFees: 0, flatFee: 0 });
    expect(chargesOf(rules, 3, 'business', [sent(1, '2026-03-23', '2026-04-02'), sent(2, '2026-04-06', '2026-04-16', 500)], true)).toEqual({ fee: 1000, earlierFees: 500, flatFee: 0 });
    const flat = { ...rules, flatFeeBusiness: true };
    expect(chargesOf(flat, 1, 'business', [], false)).toEqual({ fee: 0, earlierFees: 0, flatFee: 0 });
    expect(chargesOf(flat, 2, 'business', [], true)).toEqual({ fee: 0, earlierFees: 0, flatFee: FLAT_FEE_BUSINESS });
    // Claimed once, it stays on the later letters and is counted once.
    expect(chargesOf(flat, 3, 'business', [sent(2, '2026-04-06', '2026-04-16', 0, FLAT_FEE_BUSINESS)], true)).toEqual({ fee: 0, earlierFees: 0, flatFee: FLAT_FEE_BUSINESS });
    // Level fees charged before the flat fee was switched on count against it (§ 288 Abs. 5 S. 3 BGB).
    expect(chargesOf(flat, 3, 'business', [sent(2, '2026-04-06', '2026-04-16', 500)], true)).toEqual({ fee: 0, earlierFees: 500, flatFee: FLAT_FEE_BUSINESS - 500 });
    // Switched off after it was claimed: it stays, and no level fee comes on top.
    expect(chargesOf(rules, 3, 'business', [sent(2, '2026-04-06', '2026-04-16', 0, FLAT_FEE_BUSINESS)], true)).toEqual({ fee: 0, earlierFees: 0, flatFee: FLAT_FEE_BUSINESS });
    // Consumers never pay the flat fee.
    expect(chargesOf(flat, 2, 'consumer', [], true)).toEqual({ fee: 250, earlierFees: 0, flatFee: 0 });
  });

  it("default: after the first dunning letter's deadline, for businesses at the latest 30 days after the due date, or on the agreed date", () => {
    const l1 = sent(1, '2026-03-23', '2026-04-02');
    expect(defaultStartOf(rules, 'consumer', '2026-03-02', [sent(0, '2026-03-09', '2026-03-16')])).toBeNull();
    expect(defaultStartOf(rules, 'consumer', '2026-03-02', [l1])).toBe('2026-04-03');
    // Business: 30 days after the due date (2 April) comes first here …
    expect(defaultStartOf(rules, 'business', '2026-03-02', [])).toBe('2026-04-02');
    expect(defaultStartOf(rules, 'business', '2026-03-02', [l1])).toBe('2026-04-02');
    // … and here the dunning letter's deadline.
    expect(defaultStartOf(rules, 'business', '2026-03-02', [sent(1, '2026-03-10', '2026-03-20')])).toBe('2026-03-21');
    // An agreed payment date puts in default the day after it, consumers too.
    expect(defaultStartOf({ dueDateAgreed: true }, 'consumer', '2026-03-02', [])).toBe('2026-03-03');
  });

  it('names what is wrong with a rule set', () => {
    expect(dunningRuleProblems(rules)).toEqual([]);
    expect(dunningRuleProblems({ ...rules, levels: rules.levels.slice(0, 3) })).toEqual([{ field: 'levels', problem: 'validation.dunningLevels' }]);
    expect(dunningRuleProblems({ ...rules, levels: rules.levels.map((l) => (l.level === 0 ? { ...l, after: 'previous' as const } : l)) })).toEqual([
      { field: 'levels.0.after', problem: 'validation.dunningFirstAfterDueDate' },
    ]);
  });
});

describe('risk class', () => {
  const base: RiskFacts = { creditLimit: 100_000, exposure: 0, overdueAmount: 0, oldestOverdueDays: 0, averageDaysLate: null, highestLevel: -1 };
  it('follows the documented rules', () => {
    expect(riskOf(base)).toEqual({ riskClass: 'low', reasons: [] });
    expect(riskOf({ ...base, exposure: 80_000 }).riskClass).toBe('low');
    expect(riskOf({ ...base, exposure: 80_001 })).toEqual({ riskClass: 'medium', reasons: [{ key: 'risk.reason.nearLimit', values: { percent: 80 } }] });
    expect(riskOf({ ...base, averageDaysLate: 15 }).riskClass).toBe('medium');
    expect(riskOf({ ...base, averageDaysLate: 14 }).riskClass).toBe('low');
    expect(riskOf({ ...base, oldestOverdueDays: 31 }).riskClass).toBe('medium');
    expect(riskOf({ ...base, oldestOverdueDays: 61 }).riskClass).toBe('high');
    expect(riskOf({ ...base, highestLevel: 1 }).riskClass).toBe('medium');
    expect(riskOf({ ...base, highestLevel: 3 }).riskClass).toBe('high');
    expect(riskOf({ ...base, exposure: 100_001 }).reasons).toEqual([{ key: 'risk.reason.overLimit', values: { over: 1 } }]);
    // No limit: exposure alone is no risk.
    expect(riskOf({ ...base, creditLimit: 0, exposure: 10_000_000 }).riskClass).toBe('low');
  });

  it('approval needs the supervisor to confirm over the limit or in the high class', () => {
    const within = riskOf(base);
    expect(approvalReasonsOf(base, 100_000, within.riskClass, within.reasons)).toEqual([]);
    expect(approvalReasonsOf(base, 100_001, within.riskClass, within.reasons)).toEqual([{ key: 'risk.reason.invoiceOverLimit', values: { over: 1 } }]);
    const late = { ...base, creditLimit: 0, oldestOverdueDays: 90 };
    const high = riskOf(late);
    expect(approvalReasonsOf(late, 5_000, high.riskClass, high.reasons)).toEqual([{ key: 'risk.reason.overdueLong', values: { days: 90 } }]);
  });
});
