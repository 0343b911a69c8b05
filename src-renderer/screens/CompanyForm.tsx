import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyProfile, CompanyProfileValues, PendingBankChange } from '../../src-shared/contract/index.js';
import { formatIban, normalizeIban } from '../../src-shared/validation/iban.js';
import { VAT_ID_EXAMPLE } from '../../src-shared/validation/vat-id.js';
import { useDraftForm } from '../drafts/drafts.js';
import { formatDateTime } from '../format.js';
import { api, useApp } from '../state/app.js';
import { fieldErrors } from '../state/errors.js';
import { useDataChanged } from '../state/hooks.js';
import { textOfKey } from '../translate.js';
import { Button, CheckboxField, FormSection, SelectField, TextField } from '../ui/controls.js';
import { BankChangePanel } from './BankChangePanel.js';
import { useFocusFirstInvalid } from '../ui/focus.js';

type FormValues = Record<keyof CompanyProfileValues, string>;

const EMPTY: FormValues = {
  name: '',
  street: '',
  postalCode: '',
  city: '',
  country: 'DE',
  vatId: '',
  taxNumber: '',
  iban: '',
  bic: '',
  bankName: '',
  email: '',
  phone: '',
  website: '',
  register: '',
  managingDirectors: '',
  defaultPaymentTermsDays: '14',
  defaultCurrency: 'EUR',
  defaultLanguage: 'de',
  smallBusiness: 'false',
  taxation: 'soll',
  invoicePrefix: 'RE',
  seriesLetter: 'A',
};

function toForm(profile: CompanyProfile | null): FormValues {
  if (!profile) return EMPTY;
  const out = { ...EMPTY };
  for (const key of Object.keys(EMPTY) as (keyof FormValues)[]) out[key] = String(profile[key] ?? '');
  out.iban = formatIban(out.iban);
  return out;
}

const BANK_FIELDS = ['iban', 'bic', 'bankName'] as const;

/** The bank details as the main process compares them. */
const bankOf = (v: Pick<FormValues, 'iban' | 'bic' | 'bankName'>) => ({ iban: normalizeIban(v.iban), bic: v.bic.replace(/\s+/g, '').toUpperCase(), bankName: v.bankName.trim() });

const CURRENCIES = ['EUR', 'CHF', 'USD', 'GBP', 'PLN', 'CZK', 'DKK', 'SEK', 'NOK'];

/** The company profile, with its draft kept in IndexedDB until it is saved. */
export function CompanyForm() {
  const { t, i18n } = useTranslation();
  const { user, toast, setStatus, status } = useApp();
  const [saved, setSaved] = useState<FormValues | undefined>(undefined);
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  const [busy, setBusy] = useState(false);
  const [logo, setLogo] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingBankChange | null>(null);
  const [letterTaken, setLetterTaken] = useState(false);
  const form = useDraftForm<FormValues>(`${user?.id ?? 'anonymous'}:settings.company`, saved);
  const canEdit = user?.role === 'admin' || user?.role === 'bookkeeper' || user?.role === 'supervisor';

  const load = useCallback(async () => {
    const [profile, logoResult] = await Promise.all([api().invoke('settings.getCompany', {}), api().invoke('settings.getLogo', {})]);
    if (profile.ok) {
      setSaved(toForm(profile.value));
      setUpdatedAt(profile.value?.updatedAt ?? null);
      setPending(profile.value?.pendingBankChange ?? null);
      setLetterTaken(profile.value?.seriesLetterTaken ?? false);
    }
    if (logoResult.ok) setLogo(logoResult.value?.dataUrl ?? null);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // A change of the bank details proposed or decided elsewhere shows up here at once.
  useDataChanged(['settings'], () => {
    void api()
      .invoke('settings.getCompany', {})
      .then((r) => {
        if (!r.ok) return;
        setPending(r.value?.pendingBankChange ?? null);
        setLetterTaken(r.value?.seriesLetterTaken ?? false);
      });
  });

  const field = (name: keyof FormValues, extra: { required?: boolean; hint?: string; type?: string; inputMode?: 'numeric' } = {}) => (
    <TextField
      name={name}
      label={t(`settings.${name}`)}
      value={form.values[name] ?? ''}
      error={errors[name]}
      onChange={(value) => form.set(name, value)}
      {...extra}
    />
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const v = form.values;
    const result = await api().invoke('settings.saveCompany', { ...v, smallBusiness: v.smallBusiness === 'true' } as CompanyProfileValues);
    setBusy(false);
    if (!result.ok) {
      const problems = fieldErrors(result.error);
      setErrors(problems);
      toast('error', result.error.code === 'VALIDATION_FAILED' ? t('settings.fixErrors') : textOfKey(t, Object.values(problems)[0] ?? `errors.${result.error.code}`));
      return;
    }
    setErrors({});
    const next = toForm(result.value);
    setSaved(next);
    setUpdatedAt(result.value.updatedAt);
    setPending(result.value.pendingBankChange);
    setLetterTaken(result.value.seriesLetterTaken);
    await form.reset(next);
    if (status) setStatus({ ...status, companyName: result.value.name });
    // New bank details wait for a second person: the form shows the current ones, the panel the new.
    const bankWaits = BANK_FIELDS.some((f) => bankOf(v)[f] !== bankOf(next)[f]) && result.value.pendingBankChange !== null;
    toast('success', t(bankWaits ? 'settings.savedBankPending' : 'settings.saved'));
  };

  /** After a decision on the bank details: the stored profile; unsaved input elsewhere stays. */
  const decided = async (profile: CompanyProfile) => {
    const next = toForm(profile);
    const untouched = saved !== undefined && (Object.keys(saved) as (keyof FormValues)[]).every((k) => form.values[k] === saved[k]);
    setSaved(next);
    setUpdatedAt(profile.updatedAt);
    setPending(profile.pendingBankChange);
    if (untouched) await form.reset(next);
    else for (const f of BANK_FIELDS) form.set(f, next[f]);
  };

  const cancel = async () => {
    setErrors({});
    await form.reset(saved ?? EMPTY);
  };

  const uploadLogo = async (file: File | undefined) => {
    if (!file) return;
    const buffer = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < buffer.length; i += 0x8000) binary += String.fromCharCode(...buffer.subarray(i, i + 0x8000));
    const result = await api().invoke('settings.setLogo', { fileName: file.name, mimeType: file.type as 'image/png', dataBase64: btoa(binary) });
    if (!result.ok) {
      setErrors({ ...errors, ...fieldErrors(result.error) });
      toast('error', textOfKey(t, fieldErrors(result.error).logo ?? `errors.${result.error.code}`));
      return;
    }
    toast('success', t('settings.logoSaved'));
    await load();
  };

  if (!form.ready) return <p>{t('common.loading')}</p>;
  const year = new Date().getFullYear();
  const example = `${form.values.invoicePrefix || 'RE'}-${year}-${form.values.seriesLetter || 'A'}-000001`;

  return (
    <>
      {pending && saved && <BankChangePanel pending={pending} current={bankOf(saved)} onDecided={(profile) => void decided(profile)} />}
      <form ref={formRef} className="settings-form" onSubmit={submit} noValidate aria-label={t('settings.companyTab')}>
        {form.restored && <p className="notice" role="status">{t('common.restoredDraft')}</p>}
        <FormSection title={t('settings.companySection')}>
          {field('name', { required: true })}
          {field('managingDirectors')}
          {field('register')}
          {field('email', { type: 'email' })}
          {field('phone')}
          {field('website')}
        </FormSection>
        <FormSection title={t('settings.addressSection')}>
          {field('street', { required: true })}
          {field('postalCode', { required: true })}
          {field('city', { required: true })}
          {field('country', { required: true })}
        </FormSection>
        <FormSection title={t('settings.taxSection')}>
          {field('vatId', { hint: VAT_ID_EXAMPLE })}
          {field('taxNumber', { hint: '133/5819/0123' })}
          <CheckboxField
            name="smallBusiness"
            label={t('settings.smallBusiness')}
            checked={form.values.smallBusiness === 'true'}
            onChange={(checked) => form.set('smallBusiness', checked ? 'true' : 'false')}
          />
          <SelectField
            name="taxation"
            label={t('settings.taxation')}
            hint={t('settings.taxationHint')}
            value={form.values.taxation}
            error={errors.taxation}
            onChange={(v) => form.set('taxation', v)}
            options={[
              { value: 'soll', label: t('settings.taxationSoll') },
              { value: 'ist', label: t('settings.taxationIst') },
            ]}
          />
        </FormSection>
        <FormSection title={t('settings.bankSection')}>
          {field('iban', { hint: 'DE89 3704 0044 0532 0130 00' })}
          {field('bic')}
          {field('bankName')}
        </FormSection>
        <FormSection title={t('settings.defaultsSection')}>
          {field('defaultPaymentTermsDays', { inputMode: 'numeric', required: true })}
          <SelectField
            name="defaultCurrency"
            label={t('settings.defaultCurrency')}
            value={form.values.defaultCurrency}
            error={errors.defaultCurrency}
            onChange={(v) => form.set('defaultCurrency', v)}
            options={CURRENCIES.map((c) => ({ value: c, label: c }))}
          />
          <SelectField
            name="defaultLanguage"
            label={t('settings.defaultLanguage')}
            value={form.values.defaultLanguage}
            error={errors.defaultLanguage}
            onChange={(v) => form.set('defaultLanguage', v)}
            options={[
              { value: 'de', label: t('common.german') },
              { value: 'en', label: t('common.english') },
            ]}
          />
        </FormSection>
        <FormSection title={t('settings.seriesSection')}>
          {field('invoicePrefix', { required: true })}
          {field('seriesLetter', { required: true, ...(letterTaken ? { hint: t('settings.seriesLetterTakenHint') } : {}) })}
          <p className="field-hint">{t('settings.seriesExample', { example })}</p>
        </FormSection>
        <FormSection title={t('settings.logo')}>
          <div className="logo-row">
            {logo && <img src={logo} alt={t('settings.logo')} className="logo-preview" />}
            <label className="btn btn-secondary file-button">
              {t('settings.logoUpload')}
              <input type="file" accept="image/png,image/jpeg" className="visually-hidden" disabled={!saved?.name || !canEdit} onChange={(e) => void uploadLogo(e.target.files?.[0])} />
            </label>
            <small className="field-hint">{t('settings.logoHint')}</small>
            {errors.logo && <small className="field-error" role="alert">{textOfKey(t, errors.logo)}</small>}
          </div>
        </FormSection>
        <div className="form-actions">
          {updatedAt && <small>{t('settings.lastSaved', { time: formatDateTime(updatedAt, i18n.language) })}</small>}
          <Button onClick={() => void cancel()}>{t('common.cancel')}</Button>
          <Button kind="primary" type="submit" busy={busy} disabled={!canEdit} shortcut="save">
            {t('common.save')}
          </Button>
        </div>
      </form>
    </>
  );
}
