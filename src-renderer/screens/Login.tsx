import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginChoices } from '../../src-shared/contract/index.js';
import { api, useApp } from '../state/app.js';
import { errorText } from '../state/errors.js';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { Button, SelectField, TextField } from '../ui/controls.js';
import { useDocumentTitle, useFocusFirstField } from '../ui/focus.js';

/**
 * Type the e-mail or name and the password; or pick a user, where the settings list them.
 * Also the "switch user" screen.
 */
export function Login({ onSession }: { onSession(token: string): void }) {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const [choices, setChoices] = useState<LoginChoices | null>(null);
  const [userId, setUserId] = useState('');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useDocumentTitle(t('auth.loginTitle'), t('app.name'));
  useFocusFirstField(form, choices !== null);

  useEffect(() => {
    void api()
      .invoke('auth.loginChoices', {})
      .then((r) => {
        if (r.ok) {
          setChoices(r.value);
          setUserId((current) => current || r.value.users[0]?.id || '');
        }
      });
  }, []);

  const listed = choices?.listUsers === true;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await api().invoke('auth.login', listed ? { userId, password } : { login, password });
    setBusy(false);
    if (!result.ok) {
      const text = errorText(t, result.error);
      setError(text);
      toast('error', text);
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
      <form ref={form} className="auth-card" onSubmit={submit} noValidate>
        <h1>{t('auth.loginTitle')}</h1>
        {listed ? (
          <SelectField name="user" label={t('auth.user')} value={userId} onChange={setUserId} options={choices.users.map((c) => ({ value: c.id, label: c.name }))} />
        ) : (
          <TextField name="login" label={t('auth.loginName')} value={login} onChange={setLogin} autoComplete="username" />
        )}
        <TextField name="password" label={t('auth.password')} type="password" value={password} error={error} onChange={setPassword} autoComplete="current-password" />
        <Button kind="primary" type="submit" busy={busy} disabled={choices === null || (listed ? !userId : !login.trim())}>
          {t('auth.loginSubmit')}
        </Button>
      </form>
    </main>
  );
}
