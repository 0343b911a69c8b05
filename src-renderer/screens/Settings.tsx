import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CompanyForm } from './CompanyForm.js';
import { SecretStorageWarning } from './SecretStorageWarning.js';
import { UsersPanel } from './UsersPanel.js';

export function Settings() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'company' | 'users'>('company');
  return (
    <section>
      <h1>{t('settings.title')}</h1>
      <SecretStorageWarning />
      <div role="tablist" className="tabs">
        <button type="button" role="tab" aria-selected={tab === 'company'} onClick={() => setTab('company')}>
          {t('settings.companyTab')}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'users'} onClick={() => setTab('users')}>
          {t('settings.usersTab')}
        </button>
      </div>
      <div role="tabpanel">{tab === 'company' ? <CompanyForm /> : <UsersPanel />}</div>
    </section>
  );
}
