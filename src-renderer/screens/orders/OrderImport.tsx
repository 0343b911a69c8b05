import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileToBase64 } from '../../files.js';
import { api, useApp } from '../../state/app.js';
import { Table } from '../../ui/Table.js';
import { textOfKey } from '../../translate.js';

export type ImportProblem = { line: number; field: string; problem: string; value?: string; params?: Record<string, string | number> };
export type ImportFailure = { fileName: string; problems: ImportProblem[] };

function problemsOf(details: Record<string, unknown> | undefined): ImportProblem[] {
  const list = Array.isArray(details?.problems) ? (details.problems as unknown[]) : [];
  return list.flatMap((p) => {
    if (typeof p !== 'object' || p === null) return [];
    const o = p as Record<string, unknown>;
    return [{ line: Number(o.line ?? 0), field: String(o.field ?? ''), problem: String(o.problem ?? ''), ...(o.value !== undefined ? { value: String(o.value) } : {}), ...(o.params && typeof o.params === 'object' ? { params: o.params as Record<string, string | number> } : {}) }];
  });
}

/** Choose a CSV file of orders; all or nothing: on problems nothing is imported. */
export function ImportButton({ onResult }: { onResult(failure: ImportFailure | null): void }) {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const [busy, setBusy] = useState(false);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    const result = await api().invoke('orders.importCsv', { fileName: file.name, dataBase64: await fileToBase64(file) });
    setBusy(false);
    if (result.ok) {
      onResult(null);
      toast('success', t('orders.imported', { count: result.value.imported }));
    } else if (result.error.code === 'IMPORT_FAILED') {
      onResult({ fileName: file.name, problems: problemsOf(result.error.details) });
      toast('error', t('errors.IMPORT_FAILED'));
    } else {
      toast('error', t(`errors.${result.error.code}`));
    }
  };

  return (
    <label className={`btn btn-secondary file-button ${busy ? 'is-busy' : ''}`}>
      {t('orders.importCsv')}
      <input
        type="file"
        accept=".csv,text/csv"
        className="visually-hidden"
        disabled={busy}
        onChange={(e) => {
          void upload(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
    </label>
  );
}

/** The problems of a refused import: line, column, what is wrong, the value found. */
export function ImportProblems({ failure, onClose }: { failure: ImportFailure; onClose(): void }) {
  const { t } = useTranslation();
  const title = t('orders.importFailedTitle', { file: failure.fileName });
  return (
    <section className="import-problems" role="alert" aria-label={title}>
      <div className="import-problems-head">
        <h2>{title}</h2>
        <button type="button" className="panel-close" aria-label={t('common.close')} onClick={onClose}>
          ×
        </button>
      </div>
      <p>{t('errors.IMPORT_FAILED')}</p>
      <Table
        caption={title}
        rows={failure.problems}
        rowKey={(p) => `${p.line}:${p.field}:${p.problem}:${p.value ?? ''}`}
        columns={[
          { key: 'line', header: t('orders.importLine'), cell: (p) => p.line, numeric: true },
          { key: 'field', header: t('orders.importField'), cell: (p) => p.field },
          { key: 'problem', header: t('orders.importProblem'), cell: (p) => textOfKey(t, p.problem, p.params) },
          { key: 'value', header: t('orders.importValue'), cell: (p) => p.value ?? '' },
        ]}
      />
    </section>
  );
}
