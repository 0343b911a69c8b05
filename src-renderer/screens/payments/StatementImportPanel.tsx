import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATEMENT_MAX_BYTES, type AppErrorValue, type CsvMappingView, type StatementImportResult, type StatementPreview } from '../../../src-shared/contract/index.js';
import { api, useApp } from '../../state/app.js';
import { useErrorToast, useFormat } from '../../state/hooks.js';
import { Button, CheckboxField, FormSection, SelectField, TextField, Toolbar } from '../../ui/controls.js';
import { textOfKey, type Translate } from '../../translate.js';
import { Table } from '../../ui/Table.js';
import { entryNoteText, importProblemText } from './statement-problem.js';
import { StatementImportResultNotice } from './StatementImportResult.js';

/** Importing a bank statement: file pick, CSV column mapping, preview with proposed matches, booking. */
function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function StatementImportPanel() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const toast = useApp((s) => s.toast);
  const [source, setSource] = useState<{ fileName: string; dataBase64: string } | null>(null);
  const [preview, setPreview] = useState<StatementPreview | null>(null);
  const [problem, setProblem] = useState('');
  const [choices, setChoices] = useState<Record<number, string>>({});
  /** What booking did, with the entries booked (a reversal left for a person is shown with its entry). */
  const [result, setResult] = useState<{ value: StatementImportResult; entries: StatementPreview['entries'] } | null>(null);
  /** The user has read that the file's entries could not be checked against its balances, and books anyway. */
  const [confirmed, setConfirmed] = useState(false);
  const [mappings, setMappings] = useState<{ name: string; mapping: CsvMappingView }[]>([]);
  const [columns, setColumns] = useState<string[] | null>(null);
  const [mapping, setMapping] = useState<CsvMappingView | null>(null);
  /** What runs now: a preview loading or the statement being booked; nothing else starts meanwhile. */
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  // The state above changes only with the next render; these hold at once, for a second click right after the first.
  const importing = useRef(false);
  /** Only the latest preview asked for is shown. */
  const previewRequest = useRef(0);

  useEffect(() => {
    void api()
      .invoke('payments.csvMappings', {})
      .then((r) => r.ok && setMappings(r.value));
  }, []);

  // Refused input names its fields with message keys; a file that cannot be read says where and why, in the screen's language.
  const problemOf = (error: AppErrorValue) => importProblemText(t, f, error);
  const runPreview = async (next: { fileName: string; dataBase64: string }, csv: CsvMappingView | null) => {
    const request = ++previewRequest.current;
    setBusy('preview');
    setProblem('');
    setConfirmed(false);
    try {
      const r = await api().invoke('payments.previewStatement', { ...next, ...(csv ? { csv } : {}) });
      if (request !== previewRequest.current) return;
      if (r.ok) {
        setPreview(r.value);
        setChoices(Object.fromEntries(r.value.entries.filter((e) => e.match.confident).map((e) => [e.index, e.match.candidates[0]!.invoiceIds.join(',')])));
      } else {
        setPreview(null);
        setProblem(problemOf(r.error));
      }
    } finally {
      if (request === previewRequest.current) setBusy(null);
    }
  };
  const pick = async (file: File | undefined) => {
    if (importing.current) return;
    previewRequest.current++;
    setBusy(null);
    setPreview(null);
    setResult(null);
    setProblem('');
    setColumns(null);
    if (!file) return;
    if (file.size > STATEMENT_MAX_BYTES) {
      setSource(null);
      setProblem(t('validation.statementTooLarge'));
      return;
    }
    const next = { fileName: file.name, dataBase64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) };
    setSource(next);
    if (/\.csv$/i.test(file.name) && !/^id,/.test(new TextDecoder().decode((await file.arrayBuffer()).slice(0, 3)))) {
      // A bank's CSV: its columns are mapped first (or a saved mapping is chosen).
      const header = await api().invoke('payments.csvHeader', { dataBase64: next.dataBase64, delimiter: mapping?.delimiter ?? ';' });
      if (!header.ok) {
        setProblem(problemOf(header.error));
        return;
      }
      setColumns(header.value.columns);
      if (mapping) await runPreview(next, mapping);
      return;
    }
    await runPreview(next, null);
  };
  /** Nothing to book: every entry of the preview was booked before. */
  const allKnown = preview !== null && preview.entries.every((e) => e.duplicate);
  /** Statements no balance vouches for: booked only once the user confirms. */
  const unchecked = preview?.unchecked ?? [];
  const waitsForConfirmation = unchecked.length > 0 && !confirmed;
  const commit = async () => {
    if (!source || !preview || allKnown || waitsForConfirmation || busy || importing.current) return;
    importing.current = true;
    setBusy('import');
    try {
      const list = preview.entries.filter((e) => e.amount > 0 && !e.duplicate && !e.reversal).map((e) => ({ index: e.index, invoiceIds: (choices[e.index] ?? '').split(',').filter(Boolean) }));
      const r = await api().invoke('payments.importStatement', { ...source, ...(preview.format === 'csv' && mapping ? { csv: mapping } : {}), autoAllocate: false, choices: list, confirmUnchecked: unchecked.length > 0 && confirmed });
      if (r.ok) {
        setResult({ value: r.value, entries: preview.entries });
        setPreview(null);
        toast('success', t('paymentsScreen.imported', { count: r.value.imported }));
      } else setProblem(problemOf(r.error));
    } finally {
      importing.current = false;
      setBusy(null);
    }
  };
  return (
    <>
      <Toolbar>
        <label className="file-pick">
          {t('paymentsScreen.pickFile')}
          <input
            type="file"
            accept=".xml,.sta,.mt940,.txt,.csv"
            disabled={busy === 'import'}
            onChange={(e) => {
              // The file is held once picked: an empty input lets the same file be chosen again.
              const file = e.target.files?.[0];
              e.target.value = '';
              void pick(file);
            }}
          />
        </label>
      </Toolbar>
      {columns && source && <CsvMappingForm columns={columns} saved={mappings} value={mapping} onChange={setMapping} onUse={(m) => void runPreview(source, m)} onSaved={(list) => setMappings(list)} />}
      {problem && (
        <div className="notice notice-error" role="alert">
          <p>{t('paymentsScreen.importFailed')}</p>
          <pre className="server-reply">{problem}</pre>
        </div>
      )}
      {result && <StatementImportResultNotice result={result.value} entries={result.entries} />}
      {preview && (
        <>
          <p className="hint">{previewCountsText(t, preview)}</p>
          {unchecked.length > 0 && (
            <div className="notice notice-warning" id="statement-unchecked">
              {unchecked.map((u) => (
                <p key={u.statementId}>{textOfKey(t, u.key, { statement: u.statementId })}</p>
              ))}
              <CheckboxField name="confirmUnchecked" label={t('paymentsScreen.confirmUnchecked')} checked={confirmed} disabled={busy === 'import'} onChange={setConfirmed} />
            </div>
          )}
          <Table
            caption={t('paymentsScreen.preview')}
            rows={preview.entries}
            rowKey={(e) => String(e.index)}
            columns={[
              { key: 'date', header: t('paymentsScreen.date'), cell: (e) => f.date(e.date) },
              { key: 'party', header: t('paymentsScreen.counterparty'), cell: (e) => e.counterpartyName },
              { key: 'text', header: t('paymentsScreen.reference'), cell: (e) => e.remittance },
              { key: 'amount', header: t('paymentsScreen.amount'), cell: (e) => f.money(e.amount, e.currency), numeric: true },
              ...(preview.entries.some((e) => e.notes?.length)
                ? [{ key: 'notes', header: t('paymentsScreen.notes'), cell: (e: StatementPreview['entries'][number]) => (e.notes ?? []).map((n) => entryNoteText(t, i18n.language, n)).join(' ') }]
                : []),
              {
                key: 'match',
                header: t('paymentsScreen.match'),
                cell: (e) =>
                  e.duplicate ? (
                    t('paymentsScreen.duplicate')
                  ) : e.reversal ? (
                    // A reversal takes back the payment it names; it is not allocated.
                    e.reverses ? t('paymentsScreen.reversalTakesBack', { date: f.date(e.reverses.date), amount: f.money(e.reverses.amount, e.reverses.currency), reference: e.reverses.reference }) : t('paymentsScreen.reversalEntry')
                  ) : e.amount <= 0 ? (
                    ''
                  ) : (
                    <SelectField
                      name={`match-${e.index}`}
                      label={t('paymentsScreen.matchFor', { index: e.index + 1 })}
                      value={choices[e.index] ?? ''}
                      onChange={(v) => setChoices({ ...choices, [e.index]: v })}
                      options={[
                        { value: '', label: t('paymentsScreen.noMatch') },
                        ...e.match.candidates.map((c) => ({ value: c.invoiceIds.join(','), label: [c.numbers.join(' + '), c.customerName, e.match.confident && c === e.match.candidates[0] ? t('paymentsScreen.matchConfident') : ''].filter(Boolean).join(' · ') })),
                      ]}
                    />
                  ),
              },
            ]}
          />
          <div className="form-actions">
            {allKnown && (
              <p className="hint" id="statement-all-known">
                {t('paymentsScreen.allKnown')}
              </p>
            )}
            <Button
              kind="primary"
              busy={busy !== null}
              disabled={busy !== null || allKnown || waitsForConfirmation}
              aria-describedby={allKnown ? 'statement-all-known' : unchecked.length ? 'statement-unchecked' : undefined}
              onClick={() => void commit()}
            >
              {t('paymentsScreen.commit')}
            </Button>
          </div>
        </>
      )}
    </>
  );
}

const EMPTY_MAPPING: CsvMappingView = {
  delimiter: ';',
  decimal: ',',
  dateFormat: 'dd.MM.yyyy',
  currency: 'EUR',
  columns: { date: '', valueDate: '', amount: '', credit: '', debit: '', currency: '', name: '', iban: '', remittance: '', reference: '' },
};

/** Which column is what, in a bank's CSV; saved per bank under a name. */
function CsvMappingForm({
  columns,
  saved,
  value,
  onChange,
  onUse,
  onSaved,
}: {
  columns: string[];
  saved: { name: string; mapping: CsvMappingView }[];
  value: CsvMappingView | null;
  onChange(mapping: CsvMappingView): void;
  onUse(mapping: CsvMappingView): void;
  onSaved(list: { name: string; mapping: CsvMappingView }[]): void;
}) {
  const { t } = useTranslation();
  const showError = useErrorToast();
  const [name, setName] = useState('');
  const m = value ?? EMPTY_MAPPING;
  const column = (key: keyof CsvMappingView['columns']) => (
    <SelectField
      name={`column-${key}`}
      label={t(`paymentsScreen.column.${key}`)}
      value={m.columns[key]}
      onChange={(v) => onChange({ ...m, columns: { ...m.columns, [key]: v } })}
      options={[{ value: '', label: '—' }, ...columns.map((c) => ({ value: c, label: c }))]}
    />
  );
  const save = async () => {
    const r = await api().invoke('payments.saveCsvMapping', { name, mapping: m });
    if (!r.ok) return showError(r.error);
    const list = await api().invoke('payments.csvMappings', {});
    if (list.ok) onSaved(list.value);
    onUse(m);
  };
  return (
    <FormSection title={t('paymentsScreen.mapping')}>
      <SelectField
        name="saved-mapping"
        label={t('paymentsScreen.savedMapping')}
        value=""
        onChange={(v) => {
          const found = saved.find((s) => s.name === v);
          if (found) {
            onChange(found.mapping);
            onUse(found.mapping);
          }
        }}
        options={[{ value: '', label: '—' }, ...saved.map((s) => ({ value: s.name, label: s.name }))]}
      />
      {column('date')}
      {column('amount')}
      {column('name')}
      {column('iban')}
      {column('remittance')}
      <SelectField name="decimal" label={t('paymentsScreen.decimal')} value={m.decimal} onChange={(v) => onChange({ ...m, decimal: v as ',' | '.' })} options={[{ value: ',', label: '1.234,56' }, { value: '.', label: '1,234.56' }]} />
      <SelectField name="dateFormat" label={t('paymentsScreen.dateFormat')} value={m.dateFormat} onChange={(v) => onChange({ ...m, dateFormat: v as CsvMappingView['dateFormat'] })} options={['dd.MM.yyyy', 'dd.MM.yy', 'yyyy-MM-dd', 'dd/MM/yyyy', 'MM/dd/yyyy'].map((f) => ({ value: f, label: f }))} />
      <TextField name="mapping-name" label={t('paymentsScreen.mappingName')} value={name} onChange={setName} />
      <Button onClick={() => void save()}>{t('paymentsScreen.saveMapping')}</Button>
    </FormSection>
  );
}

/** What a statement holds, each count with its own plural form. */
function previewCountsText(t: Translate, preview: StatementPreview): string {
  const { entries, incoming, confident, duplicates } = preview.counts;
  return t('paymentsScreen.previewCounts', {
    format: preview.format,
    entries: t('paymentsScreen.countEntries', { count: entries }),
    incoming: t('paymentsScreen.countIncoming', { count: incoming }),
    confident: t('paymentsScreen.countConfident', { count: confident }),
    duplicates: t('paymentsScreen.countDuplicates', { count: duplicates }),
  });
}
