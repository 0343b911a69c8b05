import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../state/hooks.js';
import { textOfKey } from '../../translate.js';
import { Toolbar } from '../../ui/controls.js';
import { ExportButtons } from './ExportButtons.js';
import { ReportStatus } from './ReportStatus.js';
import { TaxPeriodPicker, taxPeriodName, taxPeriodOf, type TaxPeriod } from './tax-period.js';
import { useReport } from './useReport.js';

/**
 * Zusammenfassende Meldung of a quarter or, for monthly filers, of a month (starting at the quarter): the intra-EU sales by the buyer's VAT ID (supplies,
 * other services, triangular transactions), what to check before filing, PDF and CSV.
 */
export function ZmSection({ initial }: { initial: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [period, setPeriod] = useState<TaxPeriod>(() => taxPeriodOf(initial, true));
  const input = { period };
  const report = useReport('reports.zm', input);
  const data = report.data;
  const name = taxPeriodName(period, i18n.language, (n) => t('taxAdvisorScreen.vat.quarterN', { n }));
  const money = (cents: number) => (cents ? f.money(cents) : '');
  return (
    <section aria-labelledby="tax-zm-title" className="tax-section">
      <h2 id="tax-zm-title">{t('taxAdvisorScreen.zm.title')}</h2>
      <Toolbar>
        <TaxPeriodPicker name="zm" value={period} onChange={setPeriod} />
        <div className="toolbar-actions">
          <ExportButtons report="zm" params={input} disabled={!data} formats={['pdf', 'csv']} />
        </div>
      </Toolbar>
      <ReportStatus loading={report.loading} error={report.error} />
      {data && (
        <>
          {data.problems.length > 0 && (
            <div className="notice notice-warning">
              <strong>{t('taxAdvisorScreen.zm.problems', { count: data.problems.length })}</strong>
              <ul>
                {data.problems.map((p, i) => (
                  <li key={i}>{p.documentNumber ? t('taxAdvisorScreen.datev.problem', { document: p.documentNumber, text: textOfKey(t, p.problem) }) : textOfKey(t, p.problem)}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="table-scroll report-table">
            <table className="table">
              <caption>{t('taxAdvisorScreen.zm.caption', { period: name, from: f.date(data.from), to: f.date(data.to) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('taxAdvisorScreen.zm.country')}</th>
                  <th scope="col">{t('taxAdvisorScreen.zm.vatId')}</th>
                  <th scope="col">{t('taxAdvisorScreen.zm.customer')}</th>
                  <th scope="col" className="numeric">
                    {t('taxAdvisorScreen.zm.supplies')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('taxAdvisorScreen.zm.services')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('taxAdvisorScreen.zm.triangular')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.rows.length === 0 && (
                  <tr>
                    <td colSpan={6} className="report-empty">
                      {t('taxAdvisorScreen.zm.empty')}
                    </td>
                  </tr>
                )}
                {data.rows.map((row) => (
                  <tr key={`${row.vatId}-${row.customerId}`}>
                    <td>{row.countryCode}</td>
                    <td>{row.vatId}</td>
                    <td>{row.customerName}</td>
                    <td className="numeric">{money(row.supplies)}</td>
                    <td className="numeric">{money(row.services)}</td>
                    <td className="numeric">{money(row.triangular)}</td>
                  </tr>
                ))}
              </tbody>
              {data.rows.length > 0 && (
                <tfoot>
                  <tr className="report-totals">
                    <th scope="row" colSpan={3}>
                      {t('taxAdvisorScreen.zm.total')}
                    </th>
                    <td className="numeric">{money(data.total.supplies)}</td>
                    <td className="numeric">{money(data.total.services)}</td>
                    <td className="numeric">{money(data.total.triangular)}</td>
                  </tr>
                </tfoot>
              )}
            </table>
          </div>
        </>
      )}
    </section>
  );
}
