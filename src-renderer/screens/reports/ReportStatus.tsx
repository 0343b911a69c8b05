import { useTranslation } from 'react-i18next';
import type { AppErrorValue } from '../../../src-shared/contract/index.js';
import { errorText } from '../../state/errors.js';

/**
 * While a report is worked out, and why it could not be: a refused filter is marked at its field
 * (the toolbar shows it), any other failure stands here in words.
 */
export function ReportStatus({ loading, error }: { loading: boolean; error: AppErrorValue | null }) {
  const { t } = useTranslation();
  if (error)
    return (
      <p className="alert" role="alert" data-busy={loading}>
        {error.code === 'VALIDATION_FAILED' ? t('reportsScreen.checkFilters') : `${t('reportsScreen.failed')} ${errorText(t, error)}`}
      </p>
    );
  return (
    <p className="report-loading" role="status" aria-live="polite" aria-busy={loading} data-busy={loading}>
      {loading ? t('reportsScreen.loading') : ''}
    </p>
  );
}
