import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DATEV_ACCOUNT_KEYS, DATEV_CHARTS, type DatevAccountKey, type DatevChart, type DatevSettingsView } from '../../../src-shared/contract/index.js';
import { automaticDatevAccounts, defaultDatevAccounts } from '../../../src-shared/datev/default-accounts.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { Button, FormSection, SelectField, TextField } from '../../ui/controls.js';
import { Dialog } from '../../ui/feedback.js';
import { useFocusFirstInvalid } from '../../ui/focus.js';

type FormValues = { beraterNummer: string; mandantNummer: string; fiscalYearStartMonth: string; accountLength: string; chart: DatevChart; debitorStart: string; accounts: Record<DatevAccountKey, string> };

const toForm = (view: DatevSettingsView): FormValues => ({
  beraterNummer: view.beraterNummer,
  mandantNummer: view.mandantNummer,
  fiscalYearStartMonth: String(view.fiscalYearStartMonth),
  accountLength: String(view.accountLength),
  chart: view.chart,
  debitorStart: String(view.debitorStart),
  accounts: { ...view.accounts },
});

/** A whole number as typed, or the text itself so that the main process names it at its field. */
const whole = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/**
 * The first Debitor at another account length, the way DATEV lengthens the accounts: zeros at the
 * end (10000 → 100000 from 4 to 5 digits), or taken off again. Not a whole number: as typed.
 */
function debitorStartAt(text: string, from: number, to: number): string {
  const start = whole(text);
  if (Number.isNaN(start) || from === to) return text;
  return String(to > from ? start * 10 ** (to - from) : Math.floor(start / 10 ** (from - to)));
}

/** What a change of the chart or of the account length asks: whether to fill in the chart's defaults. */
type Ask = { kind: 'chart'; chart: DatevChart } | { kind: 'length'; from: number; to: number };

/**
 * The DATEV settings and the account map, opened from the DATEV section: Berater- and
 * Mandantennummer, start of the fiscal year, account length, SKR03 or SKR04 (switching either
 * offers the chart's default accounts at that length, the first Debitor lengthened alike), the
 * first Debitor and each account of the map. A refused value is
 * named at its field. `onSaved`: the section learns that an export can now be made.
 */
export function DatevSettingsForm({ mayEdit, onSaved }: { mayEdit: boolean; onSaved(view: DatevSettingsView): void }) {
  const { t, i18n } = useTranslation();
  const toast = useApp((s) => s.toast);
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<DatevSettingsView | null>(null);
  const [values, setValues] = useState<FormValues | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [ask, setAsk] = useState<Ask | null>(null);
  /** Said once the defaults are taken: the accounts are filled in when saved. */
  const [filled, setFilled] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);

  useEffect(() => {
    if (!open) return;
    let stale = false;
    void api()
      .invoke('exports.datevSettings', {})
      .then((r) => {
        if (stale || !r.ok) return;
        setView(r.value);
        setValues(toForm(r.value));
      });
    return () => {
      stale = true;
    };
  }, [open]);

  // A changed field's old error goes with the change: it is checked again when saved.
  const clearError = (field: string) => setErrors((e) => (field in e ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== field)) : e));
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    clearError(key);
    setValues((v) => (v ? { ...v, [key]: value } : v));
  };
  const setAccount = (key: DatevAccountKey, value: string) => {
    clearError(`accounts.${key}`);
    setValues((v) => (v ? { ...v, accounts: { ...v.accounts, [key]: value } } : v));
  };
  const chooseChart = (chart: string) => {
    if (!values || chart === values.chart) return;
    set('chart', chart as DatevChart);
    setAsk({ kind: 'chart', chart: chart as DatevChart });
  };
  // Accounts of the old length would be refused at every field: the same offer as for another chart.
  const chooseLength = (length: string) => {
    if (!values || length === values.accountLength) return;
    const from = whole(values.accountLength);
    set('accountLength', length);
    setAsk({ kind: 'length', from, to: Number(length) });
  };
  // An account left empty takes the chart's default at the account length when saved; the form shows it once saved.
  const fillDefaults = () => {
    if (!values || !ask) return;
    // Another chart: its default numbers are shown at once (SKR04 4400, 1800 …), saved as shown.
    const length = whole(values.accountLength);
    const accounts = ask.kind === 'chart' && !Number.isNaN(length) ? defaultDatevAccounts(values.chart, length) : (Object.fromEntries(DATEV_ACCOUNT_KEYS.map((k) => [k, ''])) as FormValues['accounts']);
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('accounts.'))));
    const debitorStart = ask.kind === 'length' && !Number.isNaN(ask.from) ? debitorStartAt(values.debitorStart, ask.from, ask.to) : values.debitorStart;
    setValues({ ...values, accounts, debitorStart });
    setFilled(ask.kind === 'length' ? t('taxAdvisorScreen.settings.defaultsFilled', { chart: values.chart, length: values.accountLength }) : '');
    setAsk(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!values) return;
    setBusy(true);
    const r = await api().invoke('exports.saveDatevSettings', {
      beraterNummer: values.beraterNummer,
      mandantNummer: values.mandantNummer,
      fiscalYearStartMonth: whole(values.fiscalYearStartMonth),
      accountLength: whole(values.accountLength),
      chart: values.chart,
      debitorStart: whole(values.debitorStart),
      accounts: values.accounts,
    });
    setBusy(false);
    if (!r.ok) {
      setErrors(fieldErrors(r.error));
      toast('error', r.error.code === 'VALIDATION_FAILED' ? t('taxAdvisorScreen.settings.fixErrors') : t(`errors.${r.error.code}`));
      return;
    }
    setErrors({});
    setFilled('');
    setView(r.value);
    setValues(toForm(r.value));
    toast('success', t('taxAdvisorScreen.settings.saved'));
    onSaved(r.value);
  };

  // The chart chosen in the form, not yet saved, decides which accounts are automatic.
  const automaticOf = (v: FormValues) => (Number.isNaN(whole(v.accountLength)) ? view?.automaticAccounts ?? [] : automaticDatevAccounts(v.chart, whole(v.accountLength)));
  const month = (m: number) => new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, m - 1, 1)));
  const field = (name: 'beraterNummer' | 'mandantNummer' | 'debitorStart') => (
    <TextField name={name} label={t(`taxAdvisorScreen.settings.${name}`)} inputMode="numeric" value={values?.[name] ?? ''} error={errors[name]} onChange={(v) => set(name, v)} />
  );
  return (
    <div className="datev-settings">
      <button type="button" className="btn btn-secondary" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        {open ? t('taxAdvisorScreen.settings.hide') : t('taxAdvisorScreen.settings.show')}
      </button>
      <div id={panelId} hidden={!open}>
        {open && values && view && (
          <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} aria-label={t('taxAdvisorScreen.settings.title')}>
            {!mayEdit && <p className="notice">{t('taxAdvisorScreen.settings.readOnly')}</p>}
            <fieldset disabled={!mayEdit} className="plain-fieldset">
              <FormSection title={t('taxAdvisorScreen.settings.general')}>
                {field('beraterNummer')}
                {field('mandantNummer')}
                <SelectField
                  name="fiscalYearStartMonth"
                  label={t('taxAdvisorScreen.settings.fiscalYearStartMonth')}
                  value={values.fiscalYearStartMonth}
                  error={errors.fiscalYearStartMonth}
                  onChange={(v) => set('fiscalYearStartMonth', v)}
                  options={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: month(i + 1) }))}
                />
                <SelectField
                  name="accountLength"
                  label={t('taxAdvisorScreen.settings.accountLength')}
                  value={values.accountLength}
                  error={errors.accountLength}
                  onChange={chooseLength}
                  options={[4, 5, 6, 7, 8].map((n) => ({ value: String(n), label: String(n) }))}
                />
                <SelectField name="chart" label={t('taxAdvisorScreen.settings.chart')} value={values.chart} error={errors.chart} onChange={chooseChart} options={DATEV_CHARTS.map((c) => ({ value: c, label: c }))} />
                {field('debitorStart')}
              </FormSection>
              <FormSection title={t('taxAdvisorScreen.settings.accounts')}>
                {filled && (
                  <p className="notice" role="status">
                    {filled}
                  </p>
                )}
                {DATEV_ACCOUNT_KEYS.map((key) => (
                  <TextField
                    key={key}
                    name={`accounts.${key}`}
                    label={t(`taxAdvisorScreen.account.${key}`)}
                    inputMode="numeric"
                    value={values.accounts[key]}
                    error={errors[`accounts.${key}`]}
                    hint={values.accounts[key] === '' ? t('taxAdvisorScreen.settings.defaultAccount', { chart: values.chart }) : automaticOf(values).includes(values.accounts[key]) ? t('taxAdvisorScreen.settings.automatic') : undefined}
                    onChange={(v) => setAccount(key, v)}
                  />
                ))}
              </FormSection>
              <div className="form-actions">
                <Button kind="primary" type="submit" busy={busy} shortcut="save">
                  {t('taxAdvisorScreen.settings.save')}
                </Button>
              </div>
            </fieldset>
          </form>
        )}
      </div>
      {ask && values && (
        <Dialog open title={t(ask.kind === 'chart' ? 'taxAdvisorScreen.settings.chartTitle' : 'taxAdvisorScreen.settings.lengthTitle')} onClose={() => setAsk(null)}>
          <p>
            {ask.kind === 'chart'
              ? t('taxAdvisorScreen.settings.chartText', { chart: ask.chart })
              : t('taxAdvisorScreen.settings.lengthText', { chart: values.chart, length: ask.to, debitorStart: Number.isNaN(ask.from) ? values.debitorStart : debitorStartAt(values.debitorStart, ask.from, ask.to) })}
          </p>
          <div className="form-actions">
            <Button onClick={() => setAsk(null)}>{t('taxAdvisorScreen.settings.keepAccounts')}</Button>
            <Button kind="primary" onClick={fillDefaults}>
              {t('taxAdvisorScreen.settings.fillDefaults')}
            </Button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
