/**
 * The report period and its quick picks (this month … last year), worked out from today's date
 * with date-fns on calendar days.
 */
import { endOfMonth, endOfQuarter, endOfYear, formatISO, parseISO, startOfMonth, startOfQuarter, startOfYear, subMonths, subQuarters, subYears } from 'date-fns';

export type Period = { from: string; to: string };

export const PERIOD_PICKS = ['thisMonth', 'lastMonth', 'thisQuarter', 'lastQuarter', 'thisYear', 'lastYear'] as const;
export type PeriodPick = (typeof PERIOD_PICKS)[number];

const day = (date: Date) => formatISO(date, { representation: 'date' });

/** The period a quick pick stands for, seen from `today` (`YYYY-MM-DD`). */
export function periodOf(pick: PeriodPick, today: string): Period {
  const now = parseISO(today);
  switch (pick) {
    case 'thisMonth':
      return { from: day(startOfMonth(now)), to: day(endOfMonth(now)) };
    case 'lastMonth': {
      const month = subMonths(now, 1);
      return { from: day(startOfMonth(month)), to: day(endOfMonth(month)) };
    }
    case 'thisQuarter':
      return { from: day(startOfQuarter(now)), to: day(endOfQuarter(now)) };
    case 'lastQuarter': {
      const quarter = subQuarters(now, 1);
      return { from: day(startOfQuarter(quarter)), to: day(endOfQuarter(quarter)) };
    }
    case 'thisYear':
      return { from: day(startOfYear(now)), to: day(endOfYear(now)) };
    case 'lastYear': {
      const year = subYears(now, 1);
      return { from: day(startOfYear(year)), to: day(endOfYear(year)) };
    }
  }
}

/** The quick pick `period` is, if any (to mark it as chosen). */
export function pickOf(period: Period, today: string): PeriodPick | null {
  return PERIOD_PICKS.find((pick) => {
    const p = periodOf(pick, today);
    return p.from === period.from && p.to === period.to;
  }) ?? null;
}
