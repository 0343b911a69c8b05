import { useTranslation } from 'react-i18next';
import { SelectField } from '../../ui/controls.js';

/** A VAT return period: a month `YYYY-MM` or a quarter `YYYY-Qn`. */
export type TaxPeriod = string;

/** The month of a day (`YYYY-MM-DD` → `YYYY-MM`), or its quarter (`YYYY-Qn`). */
export function taxPeriodOf(day: string, quarter = false): TaxPeriod {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  return quarter ? `${year}-Q${Math.ceil(month / 3)}` : `${year}-${day.slice(5, 7)}`;
}

/** A period in words: "Dezember 2026", "4. Quartal 2026". */
export function taxPeriodName(period: TaxPeriod, language: string, quarterName: (n: number) => string): string {
  const [year, part = ''] = period.split('-');
  if (part.startsWith('Q')) return `${quarterName(Number(part.slice(1)))} ${year}`;
  return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(year), Number(part) - 1, 1)));
}

/**
 * The year and the month or quarter of a VAT return (`quartersOnly`: the ZM's quarters). The
 * years offered reach from five years back to next year, and always include the chosen one.
 */
export function TaxPeriodPicker({ name, value, onChange, quartersOnly }: { name: string; value: TaxPeriod; onChange(period: TaxPeriod): void; quartersOnly?: boolean }) {
  const { t, i18n } = useTranslation();
  const [year = '', part = ''] = value.split('-');
  const now = new Date().getFullYear();
  const years = [...new Set([...Array.from({ length: 7 }, (_, i) => String(now + 1 - i)), year])].sort().reverse();
  const monthName = (m: number) => new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, m - 1, 1)));
  const quarters = [1, 2, 3, 4].map((n) => ({ value: `Q${n}`, label: t('taxAdvisorScreen.vat.quarterN', { n }) }));
  const months = Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1).padStart(2, '0'), label: monthName(i + 1) }));
  return (
    <>
      <SelectField name={`${name}Year`} label={t('taxAdvisorScreen.vat.year')} value={year} onChange={(y) => onChange(`${y}-${part}`)} options={years.map((y) => ({ value: y, label: y }))} />
      <SelectField
        name={`${name}Period`}
        label={quartersOnly ? t('taxAdvisorScreen.vat.quarter') : t('taxAdvisorScreen.vat.period')}
        value={part}
        onChange={(p) => onChange(`${year}-${p}`)}
        options={quartersOnly ? quarters : [...months, ...quarters]}
      />
    </>
  );
}
