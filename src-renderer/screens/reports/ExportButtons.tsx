import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '../../../src-shared/contract/index.js';
import { useErrorToast } from '../../state/hooks.js';
import { api } from '../../state/app.js';
import { Button } from '../../ui/controls.js';
import { download } from '../invoices/DocumentsPanel.js';

export type ExportInput = InputOf<'reports.export'>;
export type ExportFormat = ExportInput['format'];
const FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'pdf'];

/**
 * CSV, Excel and PDF of the report shown, with the same filters: the main process builds the
 * file from the same table and the browser saves it.
 */
export function ExportButtons({ report, params, disabled, formats = FORMATS }: { report: ExportInput['report']; params: ExportInput['params'] | null; disabled?: boolean; formats?: readonly ExportFormat[] }) {
  const { t } = useTranslation();
  const showError = useErrorToast();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const run = async (format: ExportFormat) => {
    if (!params) return;
    setBusy(format);
    const r = await api().invoke('reports.export', { report, params, format } as ExportInput);
    setBusy(null);
    if (r.ok) download(r.value.fileName, r.value.mimeType, r.value.dataBase64);
    else showError(r.error);
  };
  return (
    <div role="group" aria-label={t('reportsScreen.export')} className="report-export">
      {formats.map((format) => (
        <Button key={format} busy={busy === format} disabled={disabled || !params || (busy !== null && busy !== format)} onClick={() => void run(format)}>
          {t(`reportsScreen.format.${format}`)}
        </Button>
      ))}
    </div>
  );
}
