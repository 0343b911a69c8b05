import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderStatus, OrderSummary, Page } from '../../../src-shared/contract/index.js';
import { useDebounced } from '../../editor/catalog.js';
import { api, useApp } from '../../state/app.js';
import { useDataChanged, useFormat, usePermissions } from '../../state/hooks.js';
import { Button, SelectField, TextField, Toolbar } from '../../ui/controls.js';
import { EmptyState } from '../../ui/feedback.js';
import { Pager } from '../../ui/Pager.js';
import { StatusChip } from '../../ui/StatusChip.js';
import { Table } from '../../ui/Table.js';
import { JobProgress, useBatchInvoicing } from './BatchInvoicing.js';
import { OrderEditor } from './OrderEditor.js';
import { ImportButton, ImportProblems, type ImportFailure } from './OrderImport.js';

const PAGE_SIZE = 50;
const STATUSES: readonly OrderStatus[] = ['draft', 'confirmed', 'partlyInvoiced', 'invoiced', 'cancelled'];

export function OrdersScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const may = usePermissions();
  const [search, setSearch] = useState('');
  const query = useDebounced(search);
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(0);
  const [data, setData] = useState<Page<OrderSummary> | null>(null);
  const [editing, setEditing] = useState<string | 'new' | null>(() => useApp.getState().takePending('orders'));
  const [importFailure, setImportFailure] = useState<ImportFailure | null>(null);
  const batch = useBatchInvoicing();

  const load = useCallback(async () => {
    const result = await api().invoke('orders.list', { search: query, status, page, pageSize: PAGE_SIZE });
    if (result.ok) setData(result.value);
  }, [query, status, page]);
  useEffect(() => {
    void load();
  }, [load, editing]);
  useEffect(() => setPage(0), [query, status]);
  useDataChanged(['orders', 'customers'], () => void load());

  if (editing) return <OrderEditor key={editing} orderId={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />;

  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">{t('orders.title')}</h1>
      <Toolbar>
        <TextField name="search" type="search" label={t('list.search')} placeholder={t('orders.searchHint')} value={search} onChange={setSearch} />
        <SelectField
          name="status"
          label={t('orders.status')}
          value={status}
          onChange={setStatus}
          options={[{ value: '', label: t('list.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`orderStatus.${s}`) }))]}
        />
        <div className="toolbar-actions">
          {may.sales && (
            <Button kind="primary" shortcut="new" onClick={() => setEditing('new')}>
              {t('orders.new')}
            </Button>
          )}
          {may.sales && <ImportButton onResult={setImportFailure} />}
          {may.books && (
            <Button busy={batch.starting || batch.progress !== null} onClick={() => void batch.start()}>
              {t('orders.invoiceAll')}
            </Button>
          )}
        </div>
      </Toolbar>
      {batch.progress && <JobProgress progress={batch.progress} onCancel={() => void batch.cancel()} />}
      {importFailure && <ImportProblems failure={importFailure} onClose={() => setImportFailure(null)} />}
      {data && data.total === 0 ? (
        <EmptyState title={t('orders.title')} text={t('orders.empty')} />
      ) : (
        <Table
          caption={t('orders.title')}
          rows={data?.items ?? []}
          rowKey={(o) => o.id}
          columns={[
            {
              key: 'number',
              header: t('orders.number'),
              cell: (o) => (
                <button type="button" className="link-button" onClick={() => setEditing(o.id)}>
                  {o.number}
                </button>
              ),
            },
            { key: 'customer', header: t('orders.customer'), cell: (o) => o.customerName },
            { key: 'date', header: t('orders.date'), cell: (o) => f.date(o.orderDate) },
            { key: 'net', header: t('orders.net'), cell: (o) => f.money(o.netAmount, o.currency), numeric: true },
            { key: 'gross', header: t('orders.gross'), cell: (o) => f.money(o.grossAmount, o.currency), numeric: true },
            {
              key: 'status',
              header: t('orders.status'),
              cell: (o) => (
                <>
                  <StatusChip of="order" status={o.status} />
                  {o.problems && <span className="field-error">{t('orders.outOfBounds')}</span>}
                </>
              ),
            },
          ]}
        />
      )}
      {data && data.total > 0 && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
    </section>
  );
}
