import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorValue, CashBookView } from '../../../src-shared/contract/index.js';
import { todayIso, typedNumber } from '../../format.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useFormat } from '../../state/hooks.js';
import { Button, FormSection, TextField } from '../../ui/controls.js';
import { NumberField } from '../../ui/NumberField.js';

/** Opens a cash book on this device: name, location, opening date and the cash counted then. */
export function BookForm({ onDone }: { onDone(book: CashBookView | null): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const toast = useApp((s) => s.toast);
  const [values, setValues] = useState({ name: '', location: '', openingDate: todayIso(), openingBalance: '' });
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const save = async () => {
    setBusy(true);
    const r = await api().invoke('cashbook.create', { ...values, openingBalance: typedNumber(values.openingBalance, f.language) || '0' });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    toast('success', t('cashbook.created', { name: r.value.name }));
    onDone(r.value);
  };
  return (
    <form
      aria-label={t('cashbook.newBook')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <FormSection title={t('cashbook.newBook')}>
        <TextField name="name" label={t('cashbook.name')} required value={values.name} error={errors.name} onChange={set('name')} autoComplete="off" />
        <TextField name="location" label={t('cashbook.location')} value={values.location} error={errors.location} onChange={set('location')} autoComplete="off" />
        <TextField name="openingDate" type="date" label={t('cashbook.openingDate')} required value={values.openingDate} error={errors.openingDate} onChange={set('openingDate')} />
        <NumberField name="openingBalance" kind="money" label={t('cashbook.openingBalance')} plainProblems value={values.openingBalance} error={errors.openingBalance} onChange={set('openingBalance')} />
      </FormSection>
      <div className="form-actions">
        <Button onClick={() => onDone(null)}>{t('common.cancel')}</Button>
        <Button kind="primary" type="submit" busy={busy} shortcut="save">
          {t('cashbook.create')}
        </Button>
      </div>
    </form>
  );
}
