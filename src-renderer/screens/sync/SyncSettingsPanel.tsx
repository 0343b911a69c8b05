import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorValue, SyncSettingsView, SyncTestResult } from '../../../src-shared/contract/index.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useErrorToast } from '../../state/hooks.js';
import { Button, FormSection, TextField } from '../../ui/controls.js';
import { Dialog } from '../../ui/feedback.js';

type FormValues = { url: string; prefix: string; username: string; password: string; enabled: boolean };

/** The form's values as the contract takes them: an empty password keeps the stored one. */
function connectionInput(values: FormValues) {
  const { url, prefix, username, password } = values;
  return { url, prefix, username, ...(password ? { password } : {}) };
}

/** The sync server of this company: address, database prefix, login, on/off, and the connection test. */
export function SyncSettingsPanel() {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const showError = useErrorToast();
  const [values, setValues] = useState<FormValues | null>(null);
  const [passwordSet, setPasswordSet] = useState(false);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | 'create' | null>(null);
  const [test, setTest] = useState<SyncTestResult | null>(null);
  const [askingAdmin, setAskingAdmin] = useState(false);

  const show = useCallback((view: SyncSettingsView) => {
    setPasswordSet(view.passwordSet);
    setValues({ url: view.url, prefix: view.prefix, username: view.username, password: '', enabled: view.enabled });
  }, []);
  useEffect(() => {
    void (async () => {
      const result = await api().invoke('sync.getSettings', {});
      if (result.ok) show(result.value);
      else showError(result.error);
    })();
  }, [show, showError]);
  if (!values) return null;
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues({ ...values, [key]: value });
  const errors = fieldErrors(error);

  const save = async () => {
    setBusy('save');
    const result = await api().invoke('sync.saveSettings', { ...connectionInput(values), enabled: values.enabled });
    setBusy(null);
    if (!result.ok) return setError(result.error);
    setError(null);
    show(result.value);
    toast('success', t('sync.settings.saved'));
  };
  const check = async () => {
    setBusy('test');
    setTest(null);
    const result = await api().invoke('sync.test', connectionInput(values));
    setBusy(null);
    if (!result.ok) return result.error.code === 'VALIDATION_FAILED' ? setError(result.error) : showError(result.error);
    setError(null);
    setTest(result.value);
  };
  /** With the server admin's login, asked for in the dialog and used for this one call. */
  const create = async (login: AdminLogin): Promise<CreateProblem | null> => {
    setBusy('create');
    const result = await api().invoke('sync.createDatabases', { ...connectionInput(values), ...login });
    setBusy(null);
    if (!result.ok) {
      if (result.error.code !== 'VALIDATION_FAILED') showError(result.error);
      return { error: result.error };
    }
    // The admin's login refused: the dialog says so and stays open; the test's answer stays as it was.
    if (ADMIN_REFUSED.includes(result.value.outcome)) return { refused: result.value };
    setError(null);
    setTest(result.value);
    return null;
  };

  return (
    <>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <p>{t('sync.settings.intro')}</p>
        <FormSection title={t('sync.settings.serverSection')}>
          <TextField name="url" type="url" label={t('sync.settings.url')} hint={t('sync.settings.urlHint')} required value={values.url} error={errors.url} onChange={(v) => set('url', v)} />
          <TextField name="prefix" label={t('sync.settings.prefix')} hint={t('sync.settings.prefixHint')} required value={values.prefix} error={errors.prefix} onChange={(v) => set('prefix', v)} />
          <TextField name="username" autoComplete="username" label={t('sync.settings.username')} required value={values.username} error={errors.username} onChange={(v) => set('username', v)} />
          <TextField
            name="password"
            type="password"
            autoComplete="new-password"
            label={t('sync.settings.password')}
            hint={passwordSet ? t('sync.settings.passwordStored') : ''}
            value={values.password}
            error={errors.password}
            onChange={(v) => set('password', v)}
          />
          <Switch label={t('sync.settings.enabled')} checked={values.enabled} onChange={(v) => set('enabled', v)} />
        </FormSection>
        <div className="form-actions">
          <Button onClick={() => void check()} busy={busy === 'test'}>
            {t('sync.settings.test')}
          </Button>
          <Button kind="primary" type="submit" shortcut="save" busy={busy === 'save'}>
            {t('common.save')}
          </Button>
        </div>
        {busy === 'test' && <p role="status">{t('sync.settings.testing')}</p>}
        {test && <TestAnswer result={test} creating={busy === 'create'} onCreate={() => setAskingAdmin(true)} />}
      </form>
      {/* Outside the settings form: its own form, whose Enter creates and never saves the settings. */}
      <AdminLoginDialog open={askingAdmin} busy={busy === 'create'} onClose={() => setAskingAdmin(false)} onCreate={create} />
    </>
  );
}

/** On/off as a switch (role="switch"), named by its label, toggled by Space like a checkbox. */
function Switch({ label, checked, onChange }: { label: string; checked: boolean; onChange(checked: boolean): void }) {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <label htmlFor={id}>
        <input id={id} name="enabled" type="checkbox" role="switch" checked={checked} aria-checked={checked} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </label>
    </div>
  );
}

type AdminLogin = { adminUsername: string; adminPassword: string };
/** Why the databases were not created: bad input, or the server refused the admin's login. */
type CreateProblem = { error?: AppErrorValue; refused?: SyncTestResult };
const ADMIN_REFUSED: readonly SyncTestResult['outcome'][] = ['adminUnauthorized', 'notAdmin'];
/** Answers that are a step to take, not a failure. */
const NEUTRAL: readonly SyncTestResult['outcome'][] = ['ok', 'missingDatabases'];

/** The server's answer to the connection test, in words, with the missing databases and the offer to create them. */
function TestAnswer({ result, creating, onCreate }: { result: SyncTestResult; creating: boolean; onCreate(): void }) {
  const { t } = useTranslation();
  const ok = result.outcome === 'ok';
  const offer = result.outcome === 'missingDatabases' || result.outcome === 'adminUnauthorized' || result.outcome === 'notAdmin';
  return (
    <div className={NEUTRAL.includes(result.outcome) ? 'notice' : 'alert'} role="status" aria-label={t('sync.settings.test')}>
      <p>{ok ? t('sync.outcome.ok', { server: result.server }) : t(`sync.outcome.${result.outcome}`)}</p>
      {offer && (
        <>
          {result.missing.length > 0 && (
            <ul>
              {result.missing.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          )}
          <p>{t('sync.outcome.missingHint')}</p>
          <Button kind="primary" busy={creating} onClick={onCreate}>
            {t('sync.settings.createDatabases')}
          </Button>
        </>
      )}
      {!ok && result.detail && <small className="server-reply">{t('sync.settings.detail', { detail: result.detail })}</small>}
    </div>
  );
}

/**
 * Asks for the CouchDB server administrator's name and password to create the databases. The
 * password lives in this dialog only while it is open: it is cleared when the dialog closes.
 */
function AdminLoginDialog({ open, busy, onClose, onCreate }: { open: boolean; busy: boolean; onClose(): void; onCreate(login: AdminLogin): Promise<CreateProblem | null> }) {
  const { t } = useTranslation();
  const [login, setLogin] = useState<AdminLogin>({ adminUsername: '', adminPassword: '' });
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [refused, setRefused] = useState<SyncTestResult | null>(null);
  const errors = fieldErrors(error);
  const close = () => {
    setLogin((current) => ({ ...current, adminPassword: '' }));
    setError(null);
    setRefused(null);
    onClose();
  };
  const submit = async () => {
    const problem = await onCreate(login);
    if (problem?.error?.code === 'VALIDATION_FAILED') return setError(problem.error);
    if (problem?.refused) {
      // Another try needs the password typed again: it is kept nowhere.
      setError(null);
      setRefused(problem.refused);
      setLogin((current) => ({ ...current, adminPassword: '' }));
      return;
    }
    close();
  };
  return (
    <Dialog open={open} title={t('sync.settings.createDatabases')} onClose={close}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p>{t('sync.settings.adminIntro')}</p>
        {refused && (
          <div className="alert" role="alert">
            <p>{t(`sync.outcome.${refused.outcome}`)}</p>
            {refused.detail && <small className="server-reply">{t('sync.settings.detail', { detail: refused.detail })}</small>}
          </div>
        )}
        <TextField name="adminUsername" autoComplete="off" label={t('sync.settings.adminUsername')} required value={login.adminUsername} error={errors.adminUsername} onChange={(v) => setLogin({ ...login, adminUsername: v })} />
        <TextField
          name="adminPassword"
          type="password"
          autoComplete="off"
          label={t('sync.settings.adminPassword')}
          required
          value={login.adminPassword}
          error={errors.adminPassword}
          onChange={(v) => setLogin({ ...login, adminPassword: v })}
        />
        <div className="form-actions">
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button kind="primary" type="submit" busy={busy}>
            {t('sync.settings.create')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
