import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../state/hooks.js';
import { textOfKey } from '../../translate.js';
import { Toolbar } from '../../ui/controls.js';
import { ExportButtons } from './ExportButtons.js';
import { ReportStatus } from './ReportStatus.js';
import { TaxPeriodPicker, taxPeriodName, taxPeriodOf, type TaxPeriod } from './tax-period.js';
import { useReport } from './useReport.js';

/** "Kz 81" for a Kennzahl (and its tax's: "Kz 35 / 36"); nothing for a line outside the form. */
function kennzahlText(key: string, taxKennzahl: string): string {
  if (!/^\d{2}$/.test(key)) return '';
  return taxKennzahl ? `Kz ${key} / ${taxKennzahl}` : `Kz ${key}`;
}

/**
 * Umsatzsteuer-Voranmeldung of a month or quarter: the Kennzahlen with base and tax as the form
 * takes them, Kz 83 (the prepayment due, or the surplus) set apart; PDF and CSV to keep. The app
 * does not transmit the return: the screen says so.
 */
export function VatReturnSection({ initial }: { initial: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [period, setPeriod] = useState<TaxPeriod>(() => taxPeriodOf(initial));
  const input = { period };
  const report = useReport('reports.ustva', input);
  const data = report.data;
  const name = taxPeriodName(period, i18n.language, (n) => t('taxAdvisorScreen.vat.quarterN', { n }));
  return (
    <section aria-labelledby="tax-ustva-title" className="tax-section">
      <h2 id="tax-ustva-title">{t('taxAdvisorScreen.vat.title')}</h2>
      <Toolbar>
        <TaxPeriodPicker name="ustva" value={period} onChange={setPeriod} />
        <div className="toolbar-actions">
          <ExportButtons report="ustva" params={input} disabled={!data} formats={['pdf', 'csv']} />
        </div>
      </Toolbar>
      <p className="notice" data-testid="elster-note">
        {t('taxAdvisorScreen.vat.elster')}
      </p>
      <ReportStatus loading={report.loading} error={report.error} />
      {data && (
        <>
          <p className="hint">{t('taxAdvisorScreen.vat.taxation', { basis: t(`reportsScreen.vat.basis.${data.taxation}`) })}</p>
          <div className="table-scroll report-table">
            <table className="table ustva-table">
              <caption>{t('taxAdvisorScreen.vat.caption', { period: name, from: f.date(data.from), to: f.date(data.to) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('taxAdvisorScreen.vat.kennzahl')}</th>
                  <th scope="col">{t('taxAdvisorScreen.vat.label')}</th>
                  <th scope="col" className="numeric">
                    {t('taxAdvisorScreen.vat.base')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('taxAdvisorScreen.vat.tax')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.kennzahlen.map((k) => (
                  <tr key={k.key}>
                    <td>{kennzahlText(k.key, k.taxKennzahl)}</td>
                    <td>{textOfKey(t, k.label)}</td>
                    <td className="numeric">{f.money(k.formBase)}</td>
                    <td className="numeric">{k.key === '66' || k.formTax !== 0 || k.formBase !== 0 ? f.money(k.formTax) : ''}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="report-totals ustva-payable" data-testid="ustva-kz83">
                  <th scope="row">Kz 83</th>
                  <td>
                    {t('taxAdvisorScreen.vat.payable')}
                    <br />
                    <small>{t('taxAdvisorScreen.vat.payableHint')}</small>
                  </td>
                  <td />
                  <td className="numeric">{f.money(data.payable)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
