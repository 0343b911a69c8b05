import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/controls.js';
import { Dialog } from '../../ui/feedback.js';
import { ReportStatus } from './ReportStatus.js';
import { ReportTableView } from './ReportTableView.js';
import { useReport } from './useReport.js';

/** The documents behind one VAT figure of the period, with the part of each in it. */
export function VatDocumentsDialog({ figure, name, input, onClose }: { figure: string; name: string; input: { from: string; to: string; customerId?: string | undefined }; onClose(): void }) {
  const { t } = useTranslation();
  const report = useReport('reports.vatDocuments', { ...input, key: figure });
  const title = t('reportsScreen.vat.documents', { figure: name });
  return (
    <Dialog open title={title} onClose={onClose}>
      <div className="vat-documents">
        <ReportStatus loading={report.loading} error={report.error} />
        {report.data && <ReportTableView table={report.data.table} caption={title} captionHidden />}
        <div className="form-actions">
          <Button kind="primary" onClick={onClose}>
            {t('reportsScreen.vat.close')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
