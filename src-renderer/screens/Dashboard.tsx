import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, useApp } from '../state/app.js';
import { useDataChanged } from '../state/hooks.js';
import { Button } from '../ui/controls.js';
import { DashboardPanels } from './dashboard/DashboardPanels.js';

/** The series letter of this device when another device numbers with it too (e.g. after the first sync). */
function useTakenSeriesLetter(): string | null {
  const [taken, setTaken] = useState<string | null>(null);
  const load = useCallback(async () => {
    const result = await api().invoke('settings.getCompany', {});
    if (result.ok) setTaken(result.value?.seriesLetterTaken ? result.value.seriesLetter : null);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useDataChanged(['settings'], () => void load());
  return taken;
}

export function Dashboard() {
  const { t } = useTranslation();
  const { user, status, go } = useApp();
  const takenLetter = useTakenSeriesLetter();
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
      {takenLetter && (
        <div className="notice" role="status">
          <p>{t('dashboard.seriesLetterTaken', { letter: takenLetter })}</p>
          <Button kind="primary" onClick={() => go('settings')}>
            {t('dashboard.chooseSeriesLetter')}
          </Button>
        </div>
      )}
      <DashboardPanels />
    </section>
  );
}
