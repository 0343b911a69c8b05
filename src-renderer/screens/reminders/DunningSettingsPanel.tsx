import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DUNNING_AUTO_RUN, type AppErrorValue, type BaseRatesView, type CustomerView, type DunningSettingsView } from '../../../src-shared/contract/index.js';
import { CustomerPicker } from '../../editor/CustomerPicker.js';
import { formatMinorInput, typedNumber } from '../../format.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useErrorToast, useFormat, usePermissions } from '../../state/hooks.js';
import { Button, CheckboxField, FormSection, SelectField, TextAreaField, TextField, Toolbar } from '../../ui/controls.js';
import { NumberField } from '../../ui/NumberField.js';
import { textOfKey } from '../../translate.js';

type LevelForm = { level: number; enabled: boolean; days: string; after: 'dueDate' | 'previous'; feeConsumer: string; feeBusiness: string; deadlineDays: string; text: string };
type Form = { levels: LevelForm[]; chargeInterest: boolean; flatFeeBusiness: boolean; dueDateAgreed: boolean; minimumOpen: string; autoRun: string; blockOrdersAtFinalNotice: boolean };

const formOf = (v: DunningSettingsView, language: string): Form => ({
  levels: v.levels.map((l) => ({ ...l, days: String(l.days), deadlineDays: String(l.deadlineDays), feeConsumer: formatMinorInput(l.feeConsumer, language), feeBusiness: formatMinorInput(l.feeBusiness, language) })),
  chargeInterest: v.chargeInterest,
  flatFeeBusiness: v.flatFeeBusiness,
  dueDateAgreed: v.dueDateAgreed,
  minimumOpen: formatMinorInput(v.minimumOpen, language),
  autoRun: v.autoRun,
  blockOrdersAtFinalNotice: v.blockOrdersAtFinalNotice,
});

/** The dunning rules: the company's, or one customer's own; and the base-rate table for default interest. */
export function DunningSettingsPanel() {
  const { t, i18n } = useTranslation();
  const may = usePermissions();
  const toast = useApp((s) => s.toast);
  const showError = useErrorToast();
  const [customer, setCustomer] = useState<CustomerView | null>(null);
  const [view, setView] = useState<DunningSettingsView | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const customerId = customer?.id ?? '';

  const load = useCallback(async () => {
    const r = await api().invoke('reminders.settings', { customerId });
    if (!r.ok) return showError(r.error);
    setView(r.value);
    setForm(formOf(r.value, i18n.language));
    setError(null);
  }, [customerId, showError, i18n.language]);
  useEffect(() => void load(), [load]);

  if (!view || !form) return <p>{t('common.loading')}</p>;
  const errors = fieldErrors(error);
  const setLevel = (i: number, patch: Partial<LevelForm>) => setForm({ ...form, levels: form.levels.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
  const save = async () => {
    const r = await api().invoke('reminders.saveSettings', {
      customerId,
      levels: form.levels.map((l) => ({ ...l, days: l.days as never, deadlineDays: l.deadlineDays as never, feeConsumer: typedNumber(l.feeConsumer, i18n.language), feeBusiness: typedNumber(l.feeBusiness, i18n.language) })),
      chargeInterest: form.chargeInterest,
      flatFeeBusiness: form.flatFeeBusiness,
      dueDateAgreed: form.dueDateAgreed,
      minimumOpen: typedNumber(form.minimumOpen, i18n.language),
      autoRun: form.autoRun as (typeof DUNNING_AUTO_RUN)[number],
      blockOrdersAtFinalNotice: form.blockOrdersAtFinalNotice,
    });
    if (!r.ok) {
      setError(r.error);
      return showError(r.error);
    }
    setView(r.value);
    setForm(formOf(r.value, i18n.language));
    setError(null);
    toast('success', t('common.saved'));
  };
  const removeOverride = async () => {
    const r = await api().invoke('reminders.removeOverride', { customerId });
    if (!r.ok) return showError(r.error);
    setView(r.value);
    setForm(formOf(r.value, i18n.language));
  };

  return (
    <div className="dunning-settings">
      <FormSection title={t('dunning.scope')}>
        <CustomerPicker customer={customer} onChange={setCustomer} />
        <p className="field-hint">{customer ? t(view.overridden ? 'dunning.customerOwn' : 'dunning.customerCompany', { name: customer.name }) : t('dunning.companyRules')}</p>
      </FormSection>
      <form
        aria-label={t('reminders.tab.settings')}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {form.levels.map((l, i) => (
          <FormSection key={l.level} title={textOfKey(t, `reminders.level${l.level}`)}>
            <CheckboxField name={`levels.${i}.enabled`} label={t('dunning.enabled')} checked={l.enabled} onChange={(v) => setLevel(i, { enabled: v })} />
            <TextField name={`levels.${i}.days`} label={t('dunning.days')} inputMode="numeric" value={l.days} error={errors[`levels.${i}.days`]} onChange={(v) => setLevel(i, { days: v })} />
            <SelectField
              name={`levels.${i}.after`}
              label={t('dunning.afterLabel')}
              value={l.after}
              error={errors[`levels.${i}.after`]}
              onChange={(v) => setLevel(i, { after: v as LevelForm['after'] })}
              options={(l.level === 0 ? (['dueDate'] as const) : (['dueDate', 'previous'] as const)).map((a) => ({ value: a, label: t(`dunning.after.${a}`) }))}
            />
            <NumberField name={`levels.${i}.feeConsumer`} kind="money" label={t('dunning.feeConsumer')} value={l.feeConsumer} error={errors[`levels.${i}.feeConsumer`]} onChange={(v) => setLevel(i, { feeConsumer: v })} />
            <NumberField name={`levels.${i}.feeBusiness`} kind="money" label={t('dunning.feeBusiness')} value={l.feeBusiness} error={errors[`levels.${i}.feeBusiness`]} onChange={(v) => setLevel(i, { feeBusiness: v })} />
            <TextField name={`levels.${i}.deadlineDays`} label={t('dunning.deadlineDays')} inputMode="numeric" value={l.deadlineDays} error={errors[`levels.${i}.deadlineDays`]} onChange={(v) => setLevel(i, { deadlineDays: v })} />
            <TextAreaField name={`levels.${i}.text`} label={t('dunning.text')} hint={t('dunning.textHint')} value={l.text} onChange={(v) => setLevel(i, { text: v })} rows={3} />
          </FormSection>
        ))}
        <FormSection title={t('dunning.charges')}>
          <CheckboxField name="chargeInterest" label={t('dunning.chargeInterest')} checked={form.chargeInterest} onChange={(v) => setForm({ ...form, chargeInterest: v })} />
          <CheckboxField name="dueDateAgreed" label={t('dunning.dueDateAgreed')} checked={form.dueDateAgreed} onChange={(v) => setForm({ ...form, dueDateAgreed: v })} />
          <p className="field-hint">{t('dunning.defaultHint')}</p>
          <CheckboxField name="flatFeeBusiness" label={t('dunning.flatFeeBusiness')} checked={form.flatFeeBusiness} onChange={(v) => setForm({ ...form, flatFeeBusiness: v })} />
          <NumberField name="minimumOpen" kind="money" label={t('dunning.minimumOpen')} value={form.minimumOpen} error={errors.minimumOpen} onChange={(v) => setForm({ ...form, minimumOpen: v })} />
        </FormSection>
        {!customer && (
          <FormSection title={t('dunning.automatic')}>
            <SelectField name="autoRun" label={t('dunning.autoRunLabel')} value={form.autoRun} onChange={(v) => setForm({ ...form, autoRun: v })} options={DUNNING_AUTO_RUN.map((a) => ({ value: a, label: t(`dunning.autoRun.${a}`) }))} />
            {view.autoRun !== 'off' && <p className="field-hint">{t(view.runsOnThisDevice ? 'dunning.runsHere' : 'dunning.runsElsewhere')}</p>}
            <CheckboxField name="blockOrdersAtFinalNotice" label={t('dunning.blockOrders')} checked={form.blockOrdersAtFinalNotice} onChange={(v) => setForm({ ...form, blockOrdersAtFinalNotice: v })} />
          </FormSection>
        )}
        {may.books && (
          <Toolbar>
            <div className="toolbar-actions">
              {customer && view.overridden && <Button onClick={() => void removeOverride()}>{t('dunning.removeOverride')}</Button>}
              <Button kind="primary" type="submit">
                {customer ? t('dunning.saveCustomer') : t('common.save')}
              </Button>
            </div>
          </Toolbar>
        )}
      </form>
      <BaseRatesSection />
    </div>
  );
}

/** The base-rate table in use, and its update from the Bundesbank's export (maintenance). */
function BaseRatesSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const role = useApp((s) => s.user?.role);
  const toast = useApp((s) => s.toast);
  const showError = useErrorToast();
  const [rates, setRates] = useState<BaseRatesView | null>(null);
  const [content, setContent] = useState('');
  const [error, setError] = useState<AppErrorValue | null>(null);
  useEffect(() => {
    void api()
      .invoke('reminders.baseRates', {})
      .then((r) => r.ok && setRates(r.value));
  }, []);
  if (!rates) return null;
  const update = async () => {
    const r = await api().invoke('reminders.updateBaseRates', { content });
    if (!r.ok) {
      setError(r.error);
      return showError(r.error);
    }
    setRates(r.value);
    setContent('');
    setError(null);
    toast('success', t('dunning.baseRates.updated', { date: f.date(r.value.validThrough) }));
  };
  const readFile = async (file: File | undefined) => {
    if (file) setContent(await file.text());
  };
  return (
    <FormSection title={t('dunning.baseRates.title')}>
      <p>
        {rates.current ? t('dunning.baseRates.current', { rate: f.decimal(rates.current.rate), from: f.date(rates.current.from) }) : ''}{' '}
        {t('dunning.baseRates.validThrough', { date: f.date(rates.validThrough) })}
      </p>
      {(role === 'admin' || role === 'supervisor') && (
        <>
          <label className="field">
            {t('dunning.baseRates.file')}
            <input type="file" accept=".csv,.txt,.json" onChange={(e) => void readFile(e.target.files?.[0])} />
          </label>
          <TextAreaField name="content" label={t('dunning.baseRates.paste')} hint={t('dunning.baseRates.hint')} value={content} error={fieldErrors(error).content} onChange={setContent} rows={4} />
          <Button onClick={() => void update()} disabled={!content.trim()}>
            {t('dunning.baseRates.update')}
          </Button>
        </>
      )}
    </FormSection>
  );
}
