import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportTable } from '../../../src-shared/contract/report-table.js';
import type { VatReport } from '../../../src-shared/contract/reports-sales.js';
import { useFormat } from '../../state/hooks.js';
import { textOfKey } from '../../translate.js';
import { Toolbar } from '../../ui/controls.js';
import { ExportButtons } from './ExportButtons.js';
import { CustomerFilter, PeriodFilter } from './filters.js';
import { ReportStatus } from './ReportStatus.js';
import { ReportTableView, type CellRenderer } from './ReportTableView.js';
import type { TabProps } from './ReportsScreen.js';
import { useReport } from './useReport.js';
import { VatDocumentsDialog } from './VatDocumentsDialog.js';

/** Columns of the VAT table whose cells name a figure (a Kennzahl, a category and rate) that has documents behind it. */
const FIGURE_COLUMNS = ['kennzahl', 'key'];
const FIGURE = /^(\d{2}|[A-Z]{1,2}\/\d+(\.\d+)?|smallBusiness)$/;

/** Umsatzsteuer of a period: the UStVA Kennzahlen the sales fill, Soll or Ist as the company is taxed, each figure opening its documents. */
export function VatTab({ filters, onFilters }: TabProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const [figure, setFigure] = useState<string | null>(null);
  const input = { from: filters.period.from, to: filters.period.to, customerId: filters.customerId || undefined };
  const report = useReport('reports.vat', input);
  const data = report.data;
  const link: CellRenderer = (row, text) => {
    const key = String(row.figure ?? row.key ?? row.kennzahl ?? '');
    if (!text || !FIGURE.test(key)) return text;
    return (
      <button type="button" className="link-button kennzahl-link" aria-label={t('reportsScreen.vat.showDocuments', { key: text })} onClick={() => setFigure(key)}>
        {text}
      </button>
    );
  };
  const cells = Object.fromEntries(FIGURE_COLUMNS.map((column) => [column, link]));
  return (
    <>
      <Toolbar>
        <PeriodFilter value={filters.period} errors={report.errors} onChange={(period) => onFilters({ ...filters, period })} />
        <CustomerFilter customerId={filters.customerId} error={report.errors.customerId} onChange={(customerId) => onFilters({ ...filters, customerId })} />
        <div className="toolbar-actions">
          <ExportButtons report="vat" params={input} disabled={!data} />
        </div>
      </Toolbar>
      <ReportStatus loading={report.loading} error={report.error} />
      {data && (
        <>
          <div className="report-figures">
            <p>
              <strong>{t('reportsScreen.vat.taxation', { basis: t(`reportsScreen.vat.basis.${data.taxation}`) })}</strong>
            </p>
            <p>{t('reportsScreen.vat.payable', { output: f.money(data.outputTax, data.currency), input: f.money(data.inputTax, data.currency), payable: f.money(data.payable, data.currency) })}</p>
            <p className="hint">
              {textOfKey(t, data.ruleNote)} {t('reportsScreen.vat.hint')}
            </p>
          </div>
          {data.otherCurrencies.length > 0 && (
            <p className="notice notice-warning">{t('reportsScreen.otherCurrencies', { list: data.otherCurrencies.map((c) => `${c.count} × ${c.currency}`).join(', ') })}</p>
          )}
          <ReportTableView table={kennzahlenTable(data)} cells={cells} />
          <ReportTableView table={data.table} cells={cells} />
        </>
      )}
      {figure && <VatDocumentsDialog figure={figure} input={input} onClose={() => setFigure(null)} />}
    </>
  );
}

/** The Kennzahlen with the documents' figures and the form's (whole euros), each a way to its documents. */
function kennzahlenTable(report: VatReport): ReportTable {
  return {
    title: 'reportsScreen.vat.kennzahlen',
    currency: report.currency,
    columns: [
      { key: 'kennzahl', label: 'reportsScreen.vat.kennzahl', type: 'text' },
      { key: 'label', label: 'reportsScreen.vat.label', type: 'text' },
      { key: 'base', label: 'reportsScreen.vat.base', type: 'money' },
      { key: 'tax', label: 'reportsScreen.vat.tax', type: 'money' },
      { key: 'formBase', label: 'reportsScreen.vat.formBase', type: 'money' },
      { key: 'formTax', label: 'reportsScreen.vat.formTax', type: 'money' },
      { key: 'documents', label: 'reportsScreen.vat.documentCount', type: 'number' },
    ],
    rows: report.kennzahlen.map((k) => ({
      figure: k.key,
      kennzahl: k.taxKennzahl ? `${k.key} / ${k.taxKennzahl}` : k.key,
      label: k.label,
      base: k.base,
      tax: k.tax,
      formBase: k.formBase,
      formTax: k.formTax,
      documents: k.documents,
    })),
  };
}
