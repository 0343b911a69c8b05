import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerView } from '../../src-shared/contract/index.js';
import { SelectField, TextField } from '../ui/controls.js';
import { useCustomerSearch } from './catalog.js';

/** Search by name or number, then choose from the matches. */
export function CustomerPicker({ customer, onChange, error, disabled }: { customer: CustomerView | null; onChange(customer: CustomerView | null): void; error?: string | undefined; disabled?: boolean }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const found = useCustomerSearch(search);
  const choices = customer && !found.some((c) => c.id === customer.id) ? [customer, ...found] : found;
  if (disabled) return <p className="picked-customer">{customer ? `${customer.number} – ${customer.name}` : ''}</p>;
  return (
    <div className="customer-picker">
      <TextField name="customerSearch" type="search" label={t('picker.customerSearch')} placeholder={t('customers.searchHint')} value={search} onChange={setSearch} />
      <SelectField
        name="customerId"
        label={t('picker.customer')}
        required
        value={customer?.id ?? ''}
        error={error}
        onChange={(id) => onChange(choices.find((c) => c.id === id) ?? null)}
        options={[{ value: '', label: t('picker.chooseCustomer') }, ...choices.map((c) => ({ value: c.id, label: `${c.number} – ${c.name}` }))]}
      />
    </div>
  );
}
