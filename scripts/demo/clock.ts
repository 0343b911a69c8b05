/** The demo's own clock: the books are written day by day over the past months, up to today. */
export class DemoClock {
  private current: Date;
  constructor(readonly today: string) {
    this.current = new Date(`${today}T09:00:00.000Z`);
  }
  /** `days` before (negative) or after today, at nine in the morning. */
  set(days: number): string {
    this.current = new Date(`${addDays(this.today, days)}T09:00:00.000Z`);
    return this.date();
  }
  date(): string {
    return this.current.toISOString().slice(0, 10);
  }
  readonly now = (): Date => new Date(this.current);
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Cents as the decimal text the contract takes ("1234.50"). */
export function decimalOf(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
