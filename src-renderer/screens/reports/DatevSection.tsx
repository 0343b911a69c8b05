import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorValue, DatevPreview, DatevSettingsView, TaxExportRecord } from '../../../src-shared/contract/index.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useErrorToast, useFormat } from '../../state/hooks.js';
import { problemText } from '../../state/problems.js';
import { Button, CheckboxField } from '../../ui/controls.js';
import { Dialog } from '../../ui/feedback.js';
import { download } from '../invoices/DocumentsPanel.js';
import { DatevPreviewView } from './DatevPreviewView.js';
import { DatevSettingsForm } from './DatevSettingsForm.js';
import type { Period } from './period.js';

/** Saves the files one after the other: Chromium takes a burst of downloads from one click as one. */
async function saveAll(files: { fileName: string; mimeType: string; dataBase64: string }[]): Promise<void> {
  for (const [i, file] of files.entries()) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 300));
    download(file.fileName, file.mimeType, file.dataBase64);
  }
}

/**
 * DATEV: the period (the shared Von/Bis) and the lock switch, a preview of the lines, the sums
 * per account, warnings and errors; the download saves the Buchungsstapel and Debitoren files. A
 * period exported before is named with its dates and users, and the export asks first.
 */
export function DatevSection({ period, settings, mayExport, onSettings, onExported }: { period: Period; settings: DatevSettingsView | null; mayExport: boolean; onSettings(view: DatevSettingsView): void; onExported(): void }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const toast = useApp((s) => s.toast);
  const showError = useErrorToast();
  const [festgeschrieben, setFestgeschrieben] = useState(false);
  const [preview, setPreview] = useState<{ key: string; value: DatevPreview } | null>(null);
  const [busy, setBusy] = useState<'preview' | 'download' | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [confirm, setConfirm] = useState<TaxExportRecord[] | null>(null);
  const input = { from: period.from, to: period.to, festgeschrieben };
  const key = JSON.stringify(input);
  const current = preview?.key === key ? preview.value : null;
  const errorCount = current?.errors.length ?? 0;

  const refused = (error: AppErrorValue) => {
    const fields = Object.values(fieldErrors(error));
    if (fields.length) setProblems(fields.map((p) => problemText(t, p, i18n.language)));
    else showError(error);
  };
  const runPreview = async (): Promise<DatevPreview | null> => {
    setProblems([]);
    const r = await api().invoke('exports.datevPreview', input);
    if (!r.ok) {
      refused(r.error);
      return null;
    }
    setPreview({ key, value: r.value });
    return r.value;
  };
  const showPreview = async () => {
    setBusy('preview');
    await runPreview();
    setBusy(null);
  };
  const exportNow = async () => {
    setConfirm(null);
    setBusy('download');
    const r = await api().invoke('exports.datev', input);
    if (!r.ok) {
      setBusy(null);
      refused(r.error);
      return;
    }
    await saveAll(r.value.files);
    toast('success', t('taxAdvisorScreen.datev.done', { files: r.value.files.map((file) => file.fileName).join(', ') }));
    onExported();
    await runPreview();
    setBusy(null);
  };
  // The download looks at the books as they are now: a fresh preview, unless the one shown is of these inputs.
  const startDownload = async () => {
    setBusy('download');
    const checked = current ?? (await runPreview());
    setBusy(null);
    if (!checked || checked.errors.length > 0) return;
    if (checked.earlier.length > 0) setConfirm(checked.earlier);
    else await exportNow();
  };

  // A preview made with the former settings would still show their errors: made again with the new ones.
  const savedSettings = (view: DatevSettingsView) => {
    onSettings(view);
    if (!preview) return;
    if (current) void showPreview();
    else setPreview(null);
  };
  /** An earlier export in words: its period, whether locked, and whether it is this period or overlaps it. */
  const earlierText = (record: TaxExportRecord) =>
    t(record.from === period.from && record.to === period.to ? 'taxAdvisorScreen.datev.earlier' : 'taxAdvisorScreen.datev.earlierOverlap', {
      at: f.dateTime(record.at),
      user: record.userName,
      from: f.date(record.from),
      to: f.date(record.to),
      lock: t(record.festgeschrieben ? 'taxAdvisorScreen.datev.locked' : 'taxAdvisorScreen.datev.notLocked'),
    });
  const notConfigured = settings !== null && !settings.configured;
  return (
    <section aria-labelledby="tax-datev-title" className="tax-section">
      <h2 id="tax-datev-title">{t('taxAdvisorScreen.datev.title')}</h2>
      <CheckboxField name="festgeschrieben" label={t('taxAdvisorScreen.datev.festgeschrieben')} checked={festgeschrieben} onChange={setFestgeschrieben} />
      {notConfigured && <p className="notice notice-warning">{t('taxAdvisorScreen.datev.notConfigured')}</p>}
      <div className="form-actions tax-actions">
        <Button busy={busy === 'preview'} disabled={!mayExport || busy !== null} onClick={() => void showPreview()}>
          {t('taxAdvisorScreen.datev.preview')}
        </Button>
        <Button kind="primary" busy={busy === 'download'} disabled={!mayExport || notConfigured || errorCount > 0 || busy !== null} aria-describedby={errorCount > 0 ? 'datev-blocked' : undefined} onClick={() => void startDownload()}>
          {t('taxAdvisorScreen.datev.download')}
        </Button>
        {errorCount > 0 && (
          <small id="datev-blocked" className="field-error">
            {t('taxAdvisorScreen.datev.blocked', { count: errorCount })}
          </small>
        )}
      </div>
      <DatevSettingsForm mayEdit={mayExport} onSaved={savedSettings} />
      {problems.length > 0 && (
        <div className="alert" role="alert">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {preview && !current && <p className="hint">{t('taxAdvisorScreen.datev.stale')}</p>}
      {preview && <DatevPreviewView preview={preview.value} />}
      {confirm && (
        <Dialog open title={t('taxAdvisorScreen.datev.earlierTitle')} onClose={() => setConfirm(null)}>
          <ul>
            {confirm.map((record) => (
              <li key={record.id}>{earlierText(record)}</li>
            ))}
          </ul>
          <p>{t('taxAdvisorScreen.datev.earlierQuestion')}</p>
          <div className="form-actions">
            <Button onClick={() => setConfirm(null)}>{t('taxAdvisorScreen.datev.cancel')}</Button>
            <Button kind="primary" onClick={() => void exportNow()}>
              {t('taxAdvisorScreen.datev.exportAgain')}
            </Button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
