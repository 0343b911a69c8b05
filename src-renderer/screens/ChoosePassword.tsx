import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { Button } from '../ui/controls.js';
import { useDocumentTitle } from '../ui/focus.js';
import { PasswordChangeForm } from './PasswordChangeForm.js';

/** After an administrator set the password: the user chooses their own before anything else. */
export function ChoosePassword({ onLogout }: { onLogout(): void }) {
  const { t } = useTranslation();
  useDocumentTitle(t('users.chooseTitle'), t('app.name'));
  return (
    <main className="auth-page">
      <div className="auth-language">
        <LanguageSwitch />
      </div>
      <div className="auth-card">
        <p>{t('users.chooseText')}</p>
        <PasswordChangeForm title={t('users.chooseTitle')} autoFocus />
        <Button kind="ghost" onClick={onLogout}>
          {t('common.logout')}
        </Button>
      </div>
    </main>
  );
}
