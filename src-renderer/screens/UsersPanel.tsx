import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type PublicUser, type Role } from '../../src-shared/contract/index.js';
import type { MessageKey } from '../../src-shared/i18n/index.js';
import { api, useApp } from '../state/app.js';
import { errorText, fieldErrors } from '../state/errors.js';
import { Button, CheckboxField, FormSection, SelectField, TextField } from '../ui/controls.js';
import { Dialog, EmptyState } from '../ui/feedback.js';
import { Table } from '../ui/Table.js';
import { focusElement } from '../ui/focus.js';
import { PasswordChangeForm } from './PasswordChangeForm.js';

const EMPTY = { name: '', email: '', role: 'bookkeeper' as Role, password: '' };

export function UsersPanel() {
  const { t } = useTranslation();
  const { user, toast } = useApp();
  const [users, setUsers] = useState<PublicUser[]>([]);
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [listUsers, setListUsers] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [resetting, setResetting] = useState<PublicUser | null>(null);
  /** The user about to be deactivated: asked first, it ends their logins. */
  const [deactivating, setDeactivating] = useState<PublicUser | null>(null);
  const panel = useRef<HTMLElement>(null);
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

  /** Role and active state change at once; the last active administrator stays one. */
  const update = async (target: PublicUser, change: { role?: Role; active?: boolean }, done: MessageKey) => {
    const result = await api().invoke('users.update', { id: target.id, ...change });
    if (!result.ok) toast('error', errorText(t, result.error));
    else toast('success', t(done, { name: target.name }));
    await load();
  };
  /** A changed role: focus stays on its select, also once the list is drawn anew. */
  const changeRole = async (target: PublicUser, role: Role) => {
    const label = t('users.roleOf', { name: target.name });
    await update(target, { role }, 'users.roleChanged');
    const select = [...(panel.current?.querySelectorAll<HTMLSelectElement>('select') ?? [])].find((el) => el.getAttribute('aria-label') === label);
    if (select && document.activeElement !== select) focusElement(select);
  };

  return (
    <section ref={panel} aria-label={t('users.title')}>
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
            {
              key: 'role',
              header: t('users.role'),
              cell: (u) =>
                isAdmin ? (
                  <select aria-label={t('users.roleOf', { name: u.name })} value={u.role} onChange={(e) => void changeRole(u, e.target.value as Role)}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`roles.${r}`)}
                      </option>
                    ))}
                  </select>
                ) : (
                  t(`roles.${u.role}`)
                ),
            },
            {
              key: 'active',
              header: t('users.active'),
              cell: (u) => `${u.active ? t('common.yes') : t('common.no')}${u.mustChangePassword ? ` · ${t('users.mustChangePassword')}` : ''}`,
            },
            {
              key: 'actions',
              header: '',
              cell: (u) =>
                isAdmin && u.id !== user?.id ? (
                  <>
                    <Button kind="ghost" onClick={() => (u.active ? setDeactivating(u) : void update(u, { active: true }, 'users.activated'))}>
                      {u.active ? t('users.deactivate') : t('users.activate')}
                    </Button>
                    <Button kind="ghost" onClick={() => setResetting(u)}>
                      {t('users.resetPassword')}
                    </Button>
                  </>
                ) : null,
            },
          ]}
        />
      )}
      {deactivating && (
        <Dialog open title={t('users.deactivateTitle', { name: deactivating.name })} onClose={() => setDeactivating(null)}>
          <div>
            <p>{t('users.deactivateQuestion', { name: deactivating.name })}</p>
            <div className="form-actions">
              <Button onClick={() => setDeactivating(null)}>{t('users.keepActive')}</Button>
              <Button
                kind="danger"
                onClick={() => {
                  const target = deactivating;
                  setDeactivating(null);
                  void update(target, { active: false }, 'users.deactivated');
                }}
              >
                {t('users.deactivate')}
              </Button>
            </div>
          </div>
        </Dialog>
      )}
      {resetting && <ResetPasswordDialog target={resetting} onClose={() => setResetting(null)} onDone={() => void load()} />}
      <PasswordChangeForm title={t('users.ownPassword')} className="form-section" />
      {isAdmin && listUsers !== null && (
        <FormSection title={t('users.loginSection')}>
          <CheckboxField name="listUsers" label={t('users.listAtLogin')} checked={listUsers} onChange={(next) => void saveListUsers(next)} />
          <p className="field-hint">{t(listUsers ? 'users.listAtLoginHintOn' : 'users.listAtLoginHintOff')}</p>
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

/** An administrator sets a password the user replaces at the next login. */
function ResetPasswordDialog({ target, onClose, onDone }: { target: PublicUser; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await api().invoke('users.resetPassword', { id: target.id, password });
    setBusy(false);
    if (!result.ok) {
      setError(fieldErrors(result.error).password ?? errorText(t, result.error));
      return;
    }
    toast('success', t('users.passwordWasReset', { name: target.name }));
    onDone();
    onClose();
  };

  return (
    <Dialog open title={t('users.resetPasswordFor', { name: target.name })} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>{t('users.resetPasswordHint', { name: target.name })}</p>
        <TextField name="resetPassword" label={t('users.newPassword')} required type="password" hint={t('auth.passwordHint')} value={password} error={error} onChange={setPassword} autoComplete="new-password" />
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button kind="primary" type="submit" busy={busy}>
            {t('users.resetPasswordSubmit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
