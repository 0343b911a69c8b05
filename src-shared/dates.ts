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
  const day = dayNumber(iso);
  // Books hold years 1900 to 2199; outside four-digit years date-fns writes them its own way.
  if (Number.isNaN(day) || iso < '1000' || iso >= '9999') return formatISO(addCalendarDays(parseISO(iso), days), { representation: 'date' });
  return new Date((day + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from one ISO date to another: ("2026-11-27", "2026-12-07") → 10. */
export function daysBetween(from: string, to: string): number {
  const days = dayNumber(to) - dayNumber(from);
  // Anything but two plain dates (a timestamp, say) is read by date-fns as before.
  return Number.isNaN(days) ? differenceInCalendarDays(parseISO(to), parseISO(from)) : days;
}

const DAY_MS = 86_400_000;

/**
 * The day of a plain ISO date counted from 1970-01-01 (NaN for anything else): calendar days in UTC,
 * so no time zone or daylight saving time shifts them. Fast enough for 100,000 invoices a report.
 */
export function dayNumber(iso: string): number {
  const match = ISO_DATE.exec(iso);
  if (!match) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  // 2026-02-30 is no day (date-fns says so too); Date.UTC would roll it over.
  const date = new Date(time);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return Number.NaN;
  return time / DAY_MS;
}
