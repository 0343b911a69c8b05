import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { launchSetupToken } from '../api/client.js';
import { api, useApp } from '../state/app.js';
import { errorText, fieldErrors } from '../state/errors.js';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { Button, TextField } from '../ui/controls.js';
import { useDocumentTitle } from '../ui/focus.js';

/**
 * First start: the administrator is created, then logged in. The one-time setup token comes
 * from the local shell; only where it did not hand one over is it asked for.
 */
export function Setup({ onSession }: { onSession(token: string): void }) {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('auth.setupTitle'), t('app.name'));
  const toast = useApp((s) => s.toast);
  const [values, setValues] = useState({ name: '', email: '', password: '', setupToken: '' });
  const [handedToken, setHandedToken] = useState<string | null | undefined>(undefined);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  /** Set at once, before React renders the button disabled: a double click sends one request. */
  const sending = useRef(false);

  useEffect(() => {
    void launchSetupToken().then(setHandedToken);
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending.current || handedToken === undefined) return;
    sending.current = true;
    setBusy(true);
    const setupToken = handedToken ?? values.setupToken.trim();
    const result = await api()
      .invoke('auth.setupAdmin', { ...values, setupToken, language: i18n.language === 'en' ? 'en' : 'de' })
      .finally(() => {
        sending.current = false;
        setBusy(false);
      });
    if (!result.ok) {
      setErrors(fieldErrors(result.error));
      toast('error', errorText(t, result.error));
      return;
    }
    useApp.getState().setUser(result.value.user);
    onSession(result.value.token);
  };

  return (
    <main className="auth-page">
      <div className="auth-language">
        <LanguageSwitch />
      </div>
      <form className="auth-card" onSubmit={submit} noValidate>
        <h1>{t('auth.setupTitle')}</h1>
        <p>{t('auth.setupIntro')}</p>
        <TextField name="name" label={t('auth.name')} required value={values.name} error={errors.name} onChange={(v) => setValues({ ...values, name: v })} autoComplete="name" />
        <TextField name="email" label={t('auth.email')} required type="email" value={values.email} error={errors.email} onChange={(v) => setValues({ ...values, email: v })} autoComplete="email" />
        <TextField name="password" label={t('auth.password')} required type="password" hint={t('auth.passwordHint')} value={values.password} error={errors.password} onChange={(v) => setValues({ ...values, password: v })} autoComplete="new-password" />
        {handedToken === null && (
          <TextField name="setupToken" label={t('auth.setupToken')} required hint={t('auth.setupTokenHint')} value={values.setupToken} error={errors.setupToken} onChange={(v) => setValues({ ...values, setupToken: v })} autoComplete="off" />
        )}
        <Button kind="primary" type="submit" busy={busy || handedToken === undefined}>
          {t('auth.setupSubmit')}
        </Button>
      </form>
    </main>
  );
}
