import { useTranslation } from 'react-i18next';
import { useApp } from '../state/app.js';
import { Button } from '../ui/controls.js';

export function Dashboard() {
  const { t } = useTranslation();
  const { user, status, go } = useApp();
  return (
    <section>
      <h1>{t('dashboard.welcome', { name: user?.name ?? '' })}</h1>
      {status?.companyName ? (
        <p>{t('dashboard.companyReady', { name: status.companyName })}</p>
      ) : (
        <div className="notice">
          <p>{t('dashboard.companyMissing')}</p>
          <Button kind="primary" onClick={() => go('settings')}>
            {t('dashboard.openSettings')}
          </Button>
        </div>
      )}
    </section>
  );
}
