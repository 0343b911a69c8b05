import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerView } from '../../../src-shared/contract/index.js';
import { useCustomerSearch } from '../../editor/catalog.js';
import { todayIso } from '../../format.js';
import { api } from '../../state/app.js';
import { textOfKey } from '../../translate.js';
import { SelectField, TextField } from '../../ui/controls.js';
import { PERIOD_PICKS, periodOf, pickOf, type Period } from './period.js';

/** From and to, with the quick picks this month … last year; a refused day is marked at its field. */
export function PeriodFilter({ value, onChange, errors = {} }: { value: Period; onChange(period: Period): void; errors?: Record<string, string | undefined> }) {
  const { t } = useTranslation();
  const today = todayIso();
  const chosen = pickOf(value, today);
  return (
    <>
      <TextField name="from" type="date" label={t('reportsScreen.from')} value={value.from} error={errors.from} onChange={(from) => onChange({ ...value, from })} />
      <TextField name="to" type="date" label={t('reportsScreen.to')} value={value.to} error={errors.to} onChange={(to) => onChange({ ...value, to })} />
      <div role="group" aria-label={t('reportsScreen.quickPeriod')} className="period-picks">
        {PERIOD_PICKS.map((pick) => (
          <button key={pick} type="button" className="btn btn-ghost period-pick" aria-pressed={chosen === pick} onClick={() => onChange(periodOf(pick, today))}>
            {t(`reportsScreen.period.${pick}`)}
          </button>
        ))}
      </div>
    </>
  );
}

/**
 * The customer a report is filtered by: a search and the matches to choose from, "all customers"
 * first unless a customer is required. A customer given by a link is named even before searching.
 */
export function CustomerFilter({ customerId, onChange, error, required }: { customerId: string; onChange(id: string): void; error?: string | undefined; required?: boolean }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const found = useCustomerSearch(search);
  const [given, setGiven] = useState<CustomerView | null>(null);
  useEffect(() => {
    if (!customerId || found.some((c) => c.id === customerId) || given?.id === customerId) return;
    let stale = false;
    void api()
      .invoke('customers.get', { id: customerId })
      .then((r) => {
        if (!stale && r.ok) setGiven(r.value);
      });
    return () => {
      stale = true;
    };
  }, [customerId, found, given]);
  const choices = given && given.id === customerId && !found.some((c) => c.id === given.id) ? [given, ...found] : found;
  const first = required ? t('picker.chooseCustomer') : t('reportsScreen.allCustomers');
  return (
    <>
      <TextField name="customerSearch" type="search" label={t('picker.customerSearch')} placeholder={t('customers.searchHint')} value={search} onChange={setSearch} />
      <SelectField
        name="customerId"
        label={t('picker.customer')}
        required={required}
        value={customerId}
        error={error}
        onChange={onChange}
        options={[{ value: '', label: first }, ...choices.map((c) => ({ value: c.id, label: `${c.number} – ${c.name}` }))]}
      />
    </>
  );
}

/**
 * The heading of a report's table filtered by a customer, naming the customer ("Überfällige
 * Rechnungen – für Kunde K-10001 – Café Morgenrot"), since the filter stays set across the tabs;
 * undefined (the table's own title) without a customer.
 */
export function useCustomerCaption(title: string | undefined, customerId: string): string | undefined {
  const { t } = useTranslation();
  const [customer, setCustomer] = useState<CustomerView | null>(null);
  useEffect(() => {
    if (!customerId) return;
    let stale = false;
    void api()
      .invoke('customers.get', { id: customerId })
      .then((r) => {
        if (!stale && r.ok) setCustomer(r.value);
      });
    return () => {
      stale = true;
    };
  }, [customerId]);
  if (!title || !customerId || customer?.id !== customerId) return undefined;
  return t('reportsScreen.forCustomer', { title: textOfKey(t, title), customer: `${customer.number} – ${customer.name}` });
}

/** A day input (as of, forecast start). */
export function DayFilter({ name, label, value, onChange, error }: { name: string; label: string; value: string; onChange(day: string): void; error?: string | undefined }) {
  return <TextField name={name} type="date" label={label} value={value} error={error} onChange={onChange} />;
}
