import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type PublicUser, type Role } from '../../src-shared/contract/index.js';
import { api, useApp } from '../state/app.js';
import { fieldErrors } from '../state/errors.js';
import { Button, CheckboxField, FormSection, SelectField, TextField } from '../ui/controls.js';
import { EmptyState } from '../ui/feedback.js';
import { Table } from '../ui/Table.js';

const EMPTY = { name: '', email: '', role: 'bookkeeper' as Role, password: '' };

export function UsersPanel() {
  const { t } = useTranslation();
  const { user, toast } = useApp();
  const [users, setUsers] = useState<PublicUser[]>([]);
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [listUsers, setListUsers] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  /** Set at once, before React renders the button disabled: a double click sends one request. */
  const sending = useRef(false);
  const isAdmin = user?.role === 'admin';

  const load = useCallback(async () => {
    const result = await api().invoke('users.list', {});
    if (result.ok) setUsers(result.value);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (!isAdmin) return;
    void api()
      .invoke('users.loginOptions', {})
      .then((r) => r.ok && setListUsers(r.value.listUsers));
  }, [isAdmin]);

  const saveListUsers = async (next: boolean) => {
    const result = await api().invoke('users.saveLoginOptions', { listUsers: next });
    if (!result.ok) {
      toast('error', t(`errors.${result.error.code}`));
      return;
    }
    setListUsers(result.value.listUsers);
    toast('success', t('users.loginOptionsSaved'));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    const result = await api()
      .invoke('users.create', { ...values, language: 'de' })
      .finally(() => {
        sending.current = false;
        setBusy(false);
      });
    if (!result.ok) {
      setErrors(fieldErrors(result.error));
      toast('error', t(`errors.${result.error.code}`));
      return;
    }
    setErrors({});
    setValues(EMPTY);
    toast('success', t('users.created', { name: result.value.name }));
    await load();
  };

  const toggle = async (target: PublicUser) => {
    const result = await api().invoke('users.update', { id: target.id, active: !target.active });
    if (!result.ok) toast('error', t(`errors.${result.error.code}`));
    await load();
  };

  return (
    <section aria-label={t('users.title')}>
      {users.length === 0 ? (
        <EmptyState title={t('users.title')} text={t('users.empty')} />
      ) : (
        <Table
          caption={t('users.title')}
          rows={users}
          rowKey={(u) => u.id}
          columns={[
            { key: 'name', header: t('auth.name'), cell: (u) => u.name },
            { key: 'email', header: t('auth.email'), cell: (u) => u.email },
            { key: 'role', header: t('users.role'), cell: (u) => t(`roles.${u.role}`) },
            { key: 'active', header: t('users.active'), cell: (u) => (u.active ? t('common.yes') : t('common.no')) },
            {
              key: 'actions',
              header: '',
              cell: (u) =>
                isAdmin && u.id !== user?.id ? (
                  <Button kind="ghost" onClick={() => void toggle(u)}>
                    {u.active ? t('users.deactivate') : t('users.activate')}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      {isAdmin && listUsers !== null && (
        <FormSection title={t('users.loginSection')}>
          <CheckboxField name="listUsers" label={t('users.listAtLogin')} checked={listUsers} onChange={(next) => void saveListUsers(next)} />
          <p className="field-hint">{t('users.listAtLoginHint')}</p>
        </FormSection>
      )}
      {isAdmin && (
        <form onSubmit={submit} noValidate aria-label={t('users.add')}>
          <FormSection title={t('users.add')}>
            <TextField name="newName" label={t('auth.name')} required value={values.name} error={errors.name} onChange={(v) => setValues({ ...values, name: v })} />
            <TextField name="newEmail" label={t('auth.email')} required type="email" value={values.email} error={errors.email} onChange={(v) => setValues({ ...values, email: v })} />
            <SelectField name="newRole" label={t('users.role')} value={values.role} error={errors.role} onChange={(v) => setValues({ ...values, role: v as Role })} options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
            <TextField name="newPassword" label={t('auth.password')} required type="password" hint={t('auth.passwordHint')} value={values.password} error={errors.password} onChange={(v) => setValues({ ...values, password: v })} autoComplete="new-password" />
          </FormSection>
          <div className="form-actions">
            <Button kind="primary" type="submit" busy={busy}>
              {t('users.add')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
