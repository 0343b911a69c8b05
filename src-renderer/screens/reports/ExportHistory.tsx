import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaxExportRecord } from '../../../src-shared/contract/index.js';
import { api } from '../../state/app.js';
import { useDataChanged, useFormat } from '../../state/hooks.js';
import { ReportStatus } from './ReportStatus.js';

/** Whether two periods share at least one day (ISO dates compare as text). */
const overlaps = (a: { from: string; to: string }, b: { from: string; to: string }) => a.from <= b.to && b.from <= a.to;

/**
 * The ids of the exports that repeat an earlier one: the same type and a period that overlaps
 * a period exported before (`records` newest first, as the history lists them).
 */
export function repeatedExports(records: readonly TaxExportRecord[]): Set<string> {
  const out = new Set<string>();
  records.forEach((record, index) => {
    if (records.slice(index + 1).some((earlier) => earlier.type === record.type && overlaps(earlier, record))) out.add(record.id);
  });
  return out;
}

/**
 * Every DATEV and auditor export made, newest first: when, by whom, the period, whether locked,
 * the files with their lines and a short hash; an export of a period exported before is marked.
 * `refresh` changes after an export made on this screen.
 */
export function ExportHistory({ refresh }: { refresh: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [records, setRecords] = useState<TaxExportRecord[] | null>(null);
  const [error, setError] = useState<Parameters<typeof ReportStatus>[0]['error']>(null);
  const load = useCallback(async () => {
    const r = await api().invoke('exports.history', {});
    if (r.ok) {
      setRecords(r.value);
      setError(null);
    } else setError(r.error);
  }, []);
  useEffect(() => void load(), [load, refresh]);
  useDataChanged(['facts'], () => void load());
  const again = records ? repeatedExports(records) : new Set<string>();
  return (
    <section aria-labelledby="tax-history-title" className="tax-section">
      <h2 id="tax-history-title">{t('taxAdvisorScreen.history.title')}</h2>
      <ReportStatus loading={records === null && !error} error={error} />
      {records && (
        <div className="table-scroll report-table">
          <table className="table" data-testid="tax-export-history">
            <caption className="visually-hidden">{t('taxAdvisorScreen.history.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('taxAdvisorScreen.history.date')}</th>
                <th scope="col">{t('taxAdvisorScreen.history.user')}</th>
                <th scope="col">{t('taxAdvisorScreen.history.type')}</th>
                <th scope="col">{t('taxAdvisorScreen.history.period')}</th>
                <th scope="col">{t('taxAdvisorScreen.history.festgeschrieben')}</th>
                <th scope="col">{t('taxAdvisorScreen.history.files')}</th>
              </tr>
            </thead>
            <tbody>
              {records.length === 0 && (
                <tr>
                  <td colSpan={6} className="report-empty">
                    {t('taxAdvisorScreen.history.empty')}
                  </td>
                </tr>
              )}
              {records.map((record) => (
                <tr key={record.id}>
                  <td>{f.dateTime(record.at)}</td>
                  <td>{record.userName}</td>
                  <td>{t(`taxAdvisorScreen.history.kind.${record.type}`)}</td>
                  <td>
                    {t('taxAdvisorScreen.history.range', { from: f.date(record.from), to: f.date(record.to) })}
                    {again.has(record.id) && (
                      <>
                        {' '}
                        <span className="chip chip-submitted tax-again" title={t('taxAdvisorScreen.history.againTitle')}>
                          {t('taxAdvisorScreen.history.again')}
                        </span>
                      </>
                    )}
                  </td>
                  <td>{record.type === 'datev' ? t(record.festgeschrieben ? 'taxAdvisorScreen.history.yes' : 'taxAdvisorScreen.history.no') : ''}</td>
                  <td>
                    <ul className="tax-files">
                      {record.files.map((file) => (
                        <li key={file.fileName}>
                          {/* Lines count for a DATEV file; an auditor ZIP holds tables, its size in lines says nothing. */}
                          {file.fileName} <small>({record.type === 'datev' && <>{t('taxAdvisorScreen.history.lines', { count: file.lines })}, </>}<span title={file.sha256}>{t('taxAdvisorScreen.history.hash', { hash: file.sha256.slice(0, 12) })}</span>)</small>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
