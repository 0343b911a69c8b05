import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginChoice } from '../../src-shared/contract/index.js';
import { api, useApp } from '../state/app.js';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { Button, SelectField, TextField } from '../ui/controls.js';

/** Pick a user, type the password. Also the "switch user" screen. */
export function Login({ onSession }: { onSession(token: string): void }) {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const [choices, setChoices] = useState<LoginChoice[]>([]);
  const [userId, setUserId] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api()
      .invoke('auth.loginChoices', {})
      .then((r) => {
        if (r.ok) {
          setChoices(r.value);
          setUserId((current) => current || r.value[0]?.id || '');
        }
      });
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await api().invoke('auth.login', { userId, password });
    setBusy(false);
    if (!result.ok) {
      setError(`errors.${result.error.code}`);
      toast('error', t(`errors.${result.error.code}`));
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
        <h1>{t('auth.loginTitle')}</h1>
        <SelectField
          name="user"
          label={t('auth.user')}
          value={userId}
          onChange={setUserId}
          options={choices.map((c) => ({ value: c.id, label: `${c.name} – ${t(`roles.${c.role}`)}` }))}
        />
        <TextField name="password" label={t('auth.password')} type="password" value={password} error={error} onChange={setPassword} autoComplete="current-password" />
        <Button kind="primary" type="submit" busy={busy} disabled={!userId}>
          {t('auth.loginSubmit')}
        </Button>
      </form>
    </main>
  );
}
