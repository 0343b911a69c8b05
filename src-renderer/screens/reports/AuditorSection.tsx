import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditorExportResult } from '../../../src-shared/contract/index.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useErrorToast, useFormat } from '../../state/hooks.js';
import { problemText } from '../../state/problems.js';
import { Button } from '../../ui/controls.js';
import { download } from '../invoices/DocumentsPanel.js';
import type { Period } from './period.js';

/**
 * Betriebsprüfung: the auditor export of the period (the shared Von/Bis) as one ZIP file, saved at
 * once; the tables it holds and their rows are listed afterwards. `onExported`: the history reloads.
 */
export function AuditorSection({ period, mayExport, onExported }: { period: Period; mayExport: boolean; onExported(): void }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const range = { from: f.date(period.from), to: f.date(period.to) };
  const toast = useApp((s) => s.toast);
  const showError = useErrorToast();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditorExportResult | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const create = async () => {
    setBusy(true);
    setProblems([]);
    const r = await api().invoke('exports.auditor', { from: period.from, to: period.to });
    setBusy(false);
    if (!r.ok) {
      const fields = Object.values(fieldErrors(r.error));
      if (fields.length) setProblems(fields.map((p) => problemText(t, p, i18n.language)));
      else showError(r.error);
      return;
    }
    setResult(r.value);
    download(r.value.file.fileName, r.value.file.mimeType, r.value.file.dataBase64);
    toast('success', t('taxAdvisorScreen.auditor.done', { file: r.value.file.fileName }));
    onExported();
  };
  return (
    <section aria-labelledby="tax-auditor-title" className="tax-section">
      <h2 id="tax-auditor-title">{t('taxAdvisorScreen.auditor.title')}</h2>
      <p className="hint">{t('taxAdvisorScreen.auditor.intro', range)}</p>
      <div className="form-actions tax-actions">
        <Button kind="primary" busy={busy} disabled={!mayExport} onClick={() => void create()}>
          {t('taxAdvisorScreen.auditor.create', range)}
        </Button>
      </div>
      {problems.length > 0 && (
        <div className="alert" role="alert">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {result && (
        <div className="table-scroll report-table">
          <table className="table">
            <caption>{t('taxAdvisorScreen.auditor.tables', { file: result.file.fileName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('taxAdvisorScreen.auditor.table')}</th>
                <th scope="col" className="numeric">
                  {t('taxAdvisorScreen.auditor.rows')}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.tables.map((table) => (
                <tr key={table.name}>
                  <td>{t(`taxAdvisorScreen.auditor.tableName.${table.name}`)}</td>
                  <td className="numeric">{table.rows}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
