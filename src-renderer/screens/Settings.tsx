import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CompanyForm } from './CompanyForm.js';
import { SecretStorageWarning } from './SecretStorageWarning.js';
import { UsersPanel } from './UsersPanel.js';
import { Tabs } from '../ui/Tabs.js';

export function Settings() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'company' | 'users'>('company');
  return (
    <section>
      <h1>{t('settings.title')}</h1>
      <SecretStorageWarning />
      <Tabs
        tabs={[
          { id: 'company', label: t('settings.companyTab') },
          { id: 'users', label: t('settings.usersTab') },
        ]}
        selected={tab}
        onSelect={setTab}
      >
        {tab === 'company' ? <CompanyForm /> : <UsersPanel />}
      </Tabs>
    </section>
  );
}
