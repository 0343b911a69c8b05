import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CompanyForm } from './CompanyForm.js';
import { SecretStorageWarning } from './SecretStorageWarning.js';
import { UsersPanel } from './UsersPanel.js';
import { SyncSettingsPanel } from './sync/SyncSettingsPanel.js';
import { usePermissions } from '../state/hooks.js';
import { useApp } from '../state/app.js';
import { Tabs } from '../ui/Tabs.js';

export function Settings() {
  const { t } = useTranslation();
  const may = usePermissions();
  const { takePending } = useApp();
  // A link may ask for the Synchronisation tab (e.g. from a sync error in the top bar).
  const [tab, setTab] = useState<'company' | 'users' | 'sync'>(() => (takePending('settings') === 'sync' && may.approve ? 'sync' : 'company'));
  return (
    <section>
      <h1>{t('settings.title')}</h1>
      <SecretStorageWarning />
      <Tabs
        tabs={[
          { id: 'company', label: t('settings.companyTab') },
          { id: 'users', label: t('settings.usersTab') },
          // Supervisors and administrators connect the company to its sync server.
          ...(may.approve ? [{ id: 'sync' as const, label: t('settings.syncTab') }] : []),
        ]}
        selected={tab}
        onSelect={setTab}
      >
        {tab === 'company' ? <CompanyForm /> : tab === 'users' ? <UsersPanel /> : <SyncSettingsPanel />}
      </Tabs>
    </section>
  );
}
