import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../state/hooks.js';
import { textOfKey } from '../../translate.js';
import { Toolbar } from '../../ui/controls.js';
import { ExportButtons } from './ExportButtons.js';
import { CustomerFilter, PeriodFilter, useCustomerCaption } from './filters.js';
import { ReportStatus } from './ReportStatus.js';
import { ReportTableView, type CellRenderer } from './ReportTableView.js';
import type { TabProps } from './ReportsScreen.js';
import { useReport } from './useReport.js';
import { VatDocumentsDialog } from './VatDocumentsDialog.js';

/**
 * The figure a row of the VAT table stands for: a Kennzahl (`81`; `35/36` is Kennzahl 35 with
 * its tax in 36), a VAT category and rate (`S/19`), or § 19; null for anything else.
 */
export function figureOf(key: string): string | null {
  const kennzahl = /^(\d{2})(\/\d{2})?$/.exec(key);
  if (kennzahl) return kennzahl[1]!;
  return /^([A-Z]{1,2}\/\d+(\.\d+)?|smallBusiness)$/.test(key) ? key : null;
}

/** Umsatzsteuer of a period: the UStVA Kennzahlen the sales fill, Soll or Ist as the company is taxed, each figure opening its documents. */
export function VatTab({ filters, onFilters }: TabProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const [figure, setFigure] = useState<string | null>(null);
  const input = { from: filters.period.from, to: filters.period.to, customerId: filters.customerId || undefined };
  const report = useReport('reports.vat', input);
  const caption = useCustomerCaption(report.data?.table.title, filters.customerId);
  const data = report.data;
  const figureName = (key: string) => (/^\d{2}$/.test(key) ? t('reportsScreen.vat.kennzahl', { key }) : key === 'smallBusiness' ? t('reportsScreen.vat.smallBusiness') : key);
  // The figure's cell opens the documents behind it.
  const link: CellRenderer = (row, text) => {
    const key = figureOf(String(row.key ?? ''));
    if (!text || !key) return text;
    return (
      <button type="button" className="link-button kennzahl-link" aria-label={t('reportsScreen.vat.showDocuments', { figure: figureName(key) })} onClick={() => setFigure(key)}>
        {text}
      </button>
    );
  };
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
          <ReportTableView table={data.table} caption={caption} cells={{ key: link }} />
        </>
      )}
      {figure && <VatDocumentsDialog figure={figure} name={figureName(figure)} input={input} onClose={() => setFigure(null)} />}
    </>
  );
}
