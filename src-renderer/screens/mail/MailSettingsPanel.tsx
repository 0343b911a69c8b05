import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorValue, MailSettingsView, MailTestResult } from '../../../src-shared/contract/index.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { Button, CheckboxField, FormSection, SelectField, TextField } from '../../ui/controls.js';

/** This device's mail account, and the test message with the server's answer. */
type SettingsValues = Omit<MailSettingsView, 'passwordSet' | 'configured' | 'updatedAt' | 'port' | 'dueSoonDays'> & { port: string; dueSoonDays: string; password: string };

export function MailSettingsPanel() {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const [values, setValues] = useState<SettingsValues | null>(null);
  const [passwordSet, setPasswordSet] = useState(false);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [busy, setBusy] = useState(false);
  const [testTo, setTestTo] = useState('');
  const [test, setTest] = useState<MailTestResult | null>(null);

  const load = useCallback(async () => {
    const result = await api().invoke('mail.getSettings', {});
    if (!result.ok) return;
    const { passwordSet: stored, configured: _configured, updatedAt: _updatedAt, ...rest } = result.value;
    setPasswordSet(stored);
    setValues({ ...rest, port: String(rest.port), dueSoonDays: String(rest.dueSoonDays), password: '' });
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  if (!values) return null;
  const set = <K extends keyof SettingsValues>(key: K, value: SettingsValues[K]) => setValues({ ...values, [key]: value });
  const errors = fieldErrors(error);
  const text = (name: 'host' | 'port' | 'user' | 'fromName' | 'fromAddress' | 'replyTo' | 'accountManagerAddress' | 'customerServiceAddress' | 'dueSoonDays', extra: { type?: string; hint?: string } = {}) => (
    <TextField name={name} label={t(`mailScreen.field.${name}`)} value={values[name]} error={errors[name]} onChange={(v) => set(name, v)} {...extra} />
  );

  const save = async () => {
    setBusy(true);
    const { password, ...rest } = values;
    const result = await api().invoke('mail.saveSettings', { ...rest, ...(password ? { password } : {}) } as never);
    setBusy(false);
    if (result.ok) {
      setError(null);
      toast('success', t('mailScreen.settingsSaved'));
      void load();
    } else setError(result.error);
  };
  const sendTest = async () => {
    setTest(null);
    const result = await api().invoke('mail.sendTest', { to: testTo });
    if (result.ok) setTest(result.value);
    else setError(result.error);
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <FormSection title={t('mailScreen.serverSection')}>
        {text('host', { hint: 'smtp.example.com' })}
        {text('port')}
        <SelectField
          name="security"
          label={t('mailScreen.field.security')}
          value={values.security}
          error={errors.security}
          onChange={(v) => set('security', v as SettingsValues['security'])}
          options={(['starttls', 'tls', 'none'] as const).map((s) => ({ value: s, label: t(`mailScreen.security.${s}`) }))}
        />
        {text('user')}
        <TextField
          name="password"
          type="password"
          autoComplete="new-password"
          label={t('mailScreen.field.password')}
          hint={passwordSet ? t('mailScreen.passwordStored') : ''}
          value={values.password}
          error={errors.password}
          onChange={(v) => set('password', v)}
        />
      </FormSection>
      <FormSection title={t('mailScreen.senderSection')}>
        {text('fromName')}
        {text('fromAddress', { type: 'email' })}
        {text('replyTo', { type: 'email' })}
        <CheckboxField name="bccSelf" label={t('mailScreen.field.bccSelf')} checked={values.bccSelf} onChange={(v) => set('bccSelf', v)} />
      </FormSection>
      <FormSection title={t('mailScreen.eventsSection')}>
        <CheckboxField name="autoSendInvoices" label={t('mailScreen.field.autoSendInvoices')} checked={values.autoSendInvoices} onChange={(v) => set('autoSendInvoices', v)} />
        {text('dueSoonDays', { hint: t('mailScreen.dueSoonHint') })}
        {text('accountManagerAddress', { type: 'email' })}
        {text('customerServiceAddress', { type: 'email' })}
      </FormSection>
      <div className="form-actions">
        <Button kind="primary" type="submit" busy={busy}>
          {t('common.save')}
        </Button>
      </div>
      <FormSection title={t('mailScreen.testSection')}>
        <TextField name="testTo" type="email" label={t('mailScreen.field.testTo')} hint={t('mailScreen.testHint')} value={testTo} error={errors.to} onChange={setTestTo} />
        <Button onClick={() => void sendTest()}>{t('mailScreen.sendTest')}</Button>
        {test && (
          <div className={test.ok ? 'notice' : 'notice notice-error'} role="status">
            <p>{test.ok ? t('mailScreen.testOk') : t('mailScreen.testFailed', { code: test.code })}</p>
            <pre className="server-reply">{test.reply}</pre>
          </div>
        )}
      </FormSection>
    </form>
  );
}
