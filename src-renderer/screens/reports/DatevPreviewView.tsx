import { useTranslation } from 'react-i18next';
import type { DatevIssue, DatevPreview } from '../../../src-shared/contract/index.js';
import { useFormat } from '../../state/hooks.js';
import { textOfKey, type Translate } from '../../translate.js';

/**
 * A problem of the export in words, naming the document: "Beleg RE-2026-0001: Buchungstext länger
 * als 60 Zeichen"; a problem of a customer (Debitoren file) names the customer in its own text
 * ("Kunde Müller GmbH: …"), never as a Beleg.
 */
export function issueText(t: Translate, issue: DatevIssue): string {
  const text = textOfKey(t, issue.problem, issue.values);
  return issue.subject !== 'customer' && issue.documentNumber ? t('taxAdvisorScreen.datev.problem', { document: issue.documentNumber, text }) : text;
}

function Issues({ testId, title, issues, kind }: { testId: string; title: string; issues: DatevIssue[]; kind: 'error' | 'warning' }) {
  const { t } = useTranslation();
  if (issues.length === 0) return null;
  return (
    <div className={`notice tax-problems notice-${kind}`} data-testid={testId} role={kind === 'error' ? 'alert' : undefined}>
      <strong>{title}</strong>
      <ul>
        {issues.map((issue, i) => (
          <li key={i}>{issueText(t, issue)}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The DATEV preview: how many lines in how many files, the errors that stop the export and the
 * warnings, the sums per account (Soll and Haben) and the first lines as DATEV will read them.
 */
export function DatevPreviewView({ preview }: { preview: DatevPreview }) {
  const { t } = useTranslation();
  const f = useFormat();
  const money = (cents: number) => (cents ? f.money(cents) : '');
  const date = (iso: string) => (iso ? f.date(iso) : '');
  const debit = preview.accounts.reduce((sum, a) => sum + a.debit, 0);
  const credit = preview.accounts.reduce((sum, a) => sum + a.credit, 0);
  return (
    <div className="datev-preview" data-testid="datev-preview">
      <p className="report-summary">{t('taxAdvisorScreen.datev.previewOf', { from: f.date(preview.from), to: f.date(preview.to), lines: preview.lineCount, files: preview.files })}</p>
      <Issues testId="datev-errors" kind="error" title={t('taxAdvisorScreen.datev.errors', { count: preview.errors.length })} issues={preview.errors} />
      <Issues testId="datev-warnings" kind="warning" title={t('taxAdvisorScreen.datev.warnings', { count: preview.warnings.length })} issues={preview.warnings} />
      <div className="table-scroll report-table">
        <table className="table">
          <caption>{t('taxAdvisorScreen.datev.accounts')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('taxAdvisorScreen.datev.col.account')}</th>
              <th scope="col">{t('taxAdvisorScreen.datev.col.name')}</th>
              <th scope="col" className="numeric">
                {t('taxAdvisorScreen.datev.col.debit')}
              </th>
              <th scope="col" className="numeric">
                {t('taxAdvisorScreen.datev.col.credit')}
              </th>
            </tr>
          </thead>
          <tbody>
            {preview.accounts.length === 0 && (
              <tr>
                <td colSpan={4} className="report-empty">
                  {t('taxAdvisorScreen.datev.noLines')}
                </td>
              </tr>
            )}
            {preview.accounts.map((a) => (
              <tr key={a.account}>
                <td>{a.account}</td>
                <td>{textOfKey(t, a.name)}</td>
                <td className="numeric">{money(a.debit)}</td>
                <td className="numeric">{money(a.credit)}</td>
              </tr>
            ))}
          </tbody>
          {preview.accounts.length > 0 && (
            <tfoot>
              <tr className="report-totals">
                <th scope="row" colSpan={2}>
                  {t('taxAdvisorScreen.datev.accountsTotal')}
                </th>
                <td className="numeric">{f.money(debit)}</td>
                <td className="numeric">{f.money(credit)}</td>
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      {preview.lines.length > 0 && (
        <div className="table-scroll report-table">
          <table className="table">
            <caption>{t('taxAdvisorScreen.datev.lines', { shown: preview.lines.length, count: preview.lineCount })}</caption>
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  {t('taxAdvisorScreen.datev.col.amount')}
                </th>
                <th scope="col">{t('taxAdvisorScreen.datev.col.side')}</th>
                <th scope="col">{t('taxAdvisorScreen.datev.col.account')}</th>
                <th scope="col">{t('taxAdvisorScreen.datev.col.contraAccount')}</th>
                <th scope="col">{t('taxAdvisorScreen.datev.col.buKey')}</th>
                <th scope="col">{t('taxAdvisorScreen.datev.col.date')}</th>
                <th scope="col" className="nowrap">
                  {t('taxAdvisorScreen.datev.col.document')}
                </th>
                <th scope="col">{t('taxAdvisorScreen.datev.col.text')}</th>
                <th scope="col">{t('taxAdvisorScreen.datev.col.dueDate')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.lines.map((line, i) => (
                <tr key={i}>
                  <td className="numeric">{f.money(line.amount)}</td>
                  <td>{line.side}</td>
                  <td>{line.account}</td>
                  <td>{line.contraAccount}</td>
                  <td>{line.buKey}</td>
                  <td>{date(line.date)}</td>
                  <td className="nowrap">{line.document}</td>
                  <td>{line.text}</td>
                  <td>{date(line.dueDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
