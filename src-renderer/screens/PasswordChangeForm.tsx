import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, useApp } from '../state/app.js';
import { errorText, fieldErrors } from '../state/errors.js';
import { Button, TextField } from '../ui/controls.js';
import { useFocusFirstField, useFocusFirstInvalid } from '../ui/focus.js';

const EMPTY = { currentPassword: '', newPassword: '' };

/** The user changes their own password; the current one proves it is them. */
/** `autoFocus`: the form is the whole page, its first field takes focus when shown. */
export function PasswordChangeForm({ title, className, autoFocus = false }: { title: string; className?: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const sending = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  useFocusFirstField(formRef, autoFocus);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    const result = await api()
      .invoke('auth.changePassword', values)
      .finally(() => {
        sending.current = false;
        setBusy(false);
      });
    if (!result.ok) {
      setErrors(fieldErrors(result.error));
      toast('error', errorText(t, result.error));
      return;
    }
    setErrors({});
    setValues(EMPTY);
    useApp.getState().setUser(result.value);
    toast('success', t('users.passwordChanged'));
  };

  return (
    <form ref={formRef} className={className} onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <TextField name="currentPassword" label={t('users.currentPassword')} required type="password" value={values.currentPassword} error={errors.currentPassword} onChange={(v) => setValues({ ...values, currentPassword: v })} autoComplete="current-password" />
      <TextField name="newPassword" label={t('users.newPassword')} required type="password" hint={t('auth.passwordHint')} value={values.newPassword} error={errors.newPassword} onChange={(v) => setValues({ ...values, newPassword: v })} autoComplete="new-password" />
      <div className="form-actions">
        <Button kind="primary" type="submit" busy={busy}>
          {t('users.changePasswordSubmit')}
        </Button>
      </div>
    </form>
  );
}
