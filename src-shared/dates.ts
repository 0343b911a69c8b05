/**
 * Calendar days as ISO strings ("2026-11-27"): the one home of day arithmetic for due dates,
 * Skonto deadlines, statement windows and reminders. A day is a day of the calendar, never shifted
 * by a time zone or a change to daylight saving time.
 */
import { addDays as addCalendarDays, differenceInCalendarDays, formatISO, parseISO } from 'date-fns';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-11-27" → { year: "2026", month: "11", day: "27" }, or undefined for anything else. */
export function isoDateParts(iso: string): { year: string; month: string; day: string } | undefined {
  const match = ISO_DATE.exec(iso);
  return match ? { year: match[1]!, month: match[2]!, day: match[3]! } : undefined;
}

/** ISO date plus (or minus) whole days: ("2026-11-27", 10) → "2026-12-07". */
export function addDays(iso: string, days: number): string {
  return formatISO(addCalendarDays(parseISO(iso), days), { representation: 'date' });
}

/** Whole days from one ISO date to another: ("2026-11-27", "2026-12-07") → 10. */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}
