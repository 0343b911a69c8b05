import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvoiceStatus, InvoiceSummary, Page } from '../../../src-shared/contract/index.js';
import { useDebounced } from '../../editor/catalog.js';
import { api, useApp } from '../../state/app.js';
import { useDataChanged, useFormat, usePermissions } from '../../state/hooks.js';
import { Button, SelectField, TextField, Toolbar } from '../../ui/controls.js';
import { EmptyState } from '../../ui/feedback.js';
import { Pager } from '../../ui/Pager.js';
import { StatusChip } from '../../ui/StatusChip.js';
import { Table } from '../../ui/Table.js';
import { InvoiceDetail } from './InvoiceDetail.js';
import { InvoiceEditor } from './InvoiceEditor.js';
import { documentLabel } from './labels.js';

const PAGE_SIZE = 50;
const STATUSES: readonly InvoiceStatus[] = ['draft', 'submitted', 'approved', 'rejected', 'issued', 'sent'];
type View = { kind: 'list' } | { kind: 'detail'; id: string } | { kind: 'edit'; id: string | null };

export function InvoicesScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const may = usePermissions();
  const [view, setView] = useState<View>(() => {
    const pending = useApp.getState().takePending('invoices');
    return pending ? { kind: 'detail', id: pending } : { kind: 'list' };
  });
  const [search, setSearch] = useState('');
  const query = useDebounced(search);
  const [status, setStatus] = useState('');
  const [documentType, setDocumentType] = useState<'' | 'invoice' | 'creditNote'>('');
  const [page, setPage] = useState(0);
  const [data, setData] = useState<Page<InvoiceSummary> | null>(null);

  const load = useCallback(async () => {
    const result = await api().invoke('invoices.list', { search: query, status, documentType, page, pageSize: PAGE_SIZE });
    if (result.ok) setData(result.value);
  }, [query, status, documentType, page]);
  useEffect(() => {
    if (view.kind === 'list') void load();
  }, [load, view.kind]);
  useEffect(() => setPage(0), [query, status, documentType]);
  useDataChanged(['invoices'], () => void load());

  const list = () => setView({ kind: 'list' });
  const detail = (id: string) => setView({ kind: 'detail', id });
  if (view.kind === 'detail') return <InvoiceDetail key={view.id} id={view.id} onClose={list} onEdit={(id) => setView({ kind: 'edit', id })} onOpen={detail} />;
  if (view.kind === 'edit') return <InvoiceEditor invoiceId={view.id} onClose={view.id ? () => detail(view.id!) : list} onSaved={detail} />;

  return (
    <section aria-labelledby="invoices-title">
      <h1 id="invoices-title">{t('invoices.title')}</h1>
      <Toolbar>
        <TextField name="search" type="search" label={t('list.search')} placeholder={t('invoices.searchHint')} value={search} onChange={setSearch} />
        <SelectField
          name="status"
          label={t('invoices.statusFilter')}
          value={status}
          onChange={setStatus}
          options={[{ value: '', label: t('list.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`invoiceStatus.${s}`) }))]}
        />
        <SelectField
          name="documentType"
          label={t('invoices.typeFilter')}
          value={documentType}
          onChange={(v) => setDocumentType(v as typeof documentType)}
          options={[{ value: '', label: t('list.all') }, ...(['invoice', 'creditNote'] as const).map((d) => ({ value: d, label: t(`documentType.${d}`) }))]}
        />
        <div className="toolbar-actions">
          {may.books && (
            <Button kind="primary" onClick={() => setView({ kind: 'edit', id: null })}>
              {t('invoices.new')}
            </Button>
          )}
        </div>
      </Toolbar>
      {data && data.total === 0 ? (
        <EmptyState title={t('invoices.title')} text={t('invoices.empty')} />
      ) : (
        <Table
          caption={t('invoices.title')}
          rows={data?.items ?? []}
          rowKey={(i) => i.id}
          columns={[
            {
              key: 'number',
              header: t('invoices.number'),
              cell: (i) => (
                // The name starts with what the button shows (a draft shows "Entwurf" only).
                <button type="button" className="link-button" aria-label={`${i.number ? '' : `${t('invoices.draft')} – `}${t('list.open')}: ${documentLabel(t, i)}, ${i.customerName}`} onClick={() => detail(i.id)}>
                  {i.number || t('invoices.draft')}
                </button>
              ),
            },
            { key: 'type', header: t('invoices.type'), cell: (i) => t(`documentType.${i.documentType}`) },
            { key: 'customer', header: t('invoices.customer'), cell: (i) => i.customerName },
            { key: 'issueDate', header: t('invoices.issueDate'), cell: (i) => (i.issueDate ? f.date(i.issueDate) : t('list.none')) },
            { key: 'dueDate', header: t('invoices.dueDate'), cell: (i) => f.date(i.dueDate) },
            { key: 'gross', header: t('invoices.gross'), cell: (i) => f.money(i.grossAmount, i.currency), numeric: true },
            { key: 'status', header: t('invoices.status'), cell: (i) => <StatusChip of="invoice" status={i.status} /> },
          ]}
        />
      )}
      {data && data.total > 0 && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
    </section>
  );
}
