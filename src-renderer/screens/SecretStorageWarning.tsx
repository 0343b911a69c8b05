import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretStorageStatus } from '../../src-shared/contract/index.js';
import { api } from '../state/app.js';

/** Warns when the mail and sync passwords are sealed by nothing but the data folder's file rights. */
export function SecretStorageWarning() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<SecretStorageStatus | null>(null);
  useEffect(() => {
    let live = true;
    void api()
      .invoke('settings.secretStorage', {})
      .then((r) => live && r.ok && setStatus(r.value));
    return () => {
      live = false;
    };
  }, []);
  if (!status?.weak) return null;
  return (
    <p role="status" className="banner banner-warning">
      {t(status.kind === 'key-file' ? 'settings.secretsKeyFile' : 'settings.secretsBasicText')}
    </p>
  );
}
