import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerView, Page } from '../../../src-shared/contract/index.js';
import { useDebounced } from '../../editor/catalog.js';
import { api } from '../../state/app.js';
import { useDataChanged, useFormat, usePermissions } from '../../state/hooks.js';
import { Button, TextField, Toolbar } from '../../ui/controls.js';
import { EmptyState } from '../../ui/feedback.js';
import { Pager } from '../../ui/Pager.js';
import { Table } from '../../ui/Table.js';
import { CustomerForm } from './CustomerForm.js';

const PAGE_SIZE = 50;

export function CustomersScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const may = usePermissions();
  const [search, setSearch] = useState('');
  const query = useDebounced(search);
  const [page, setPage] = useState(0);
  const [data, setData] = useState<Page<CustomerView> | null>(null);
  const [editing, setEditing] = useState<CustomerView | 'new' | null>(null);

  const load = useCallback(async () => {
    const result = await api().invoke('customers.list', { search: query, page, pageSize: PAGE_SIZE });
    if (result.ok) setData(result.value);
  }, [query, page]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => setPage(0), [query]);
  useDataChanged(['customers'], () => void load());

  if (editing) return <CustomerForm key={editing === 'new' ? 'new' : editing.id} customer={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />;

  return (
    <section aria-labelledby="customers-title">
      <h1 id="customers-title">{t('customers.title')}</h1>
      <Toolbar>
        <TextField name="search" type="search" label={t('list.search')} placeholder={t('customers.searchHint')} value={search} onChange={setSearch} />
        <div className="toolbar-actions">
          {may.sales && (
            <Button kind="primary" shortcut="new" onClick={() => setEditing('new')}>
              {t('customers.new')}
            </Button>
          )}
        </div>
      </Toolbar>
      {data && data.total === 0 ? (
        <EmptyState title={t('customers.title')} text={query ? t('list.nothingFound') : t('customers.empty')} />
      ) : (
        <div className="table-scroll compact-table">
          <Table
            caption={t('customers.title')}
            rows={data?.items ?? []}
            rowKey={(c) => c.id}
            columns={[
              { key: 'number', header: t('customers.number'), cell: (c) => c.number },
              { key: 'name', header: t('customers.name'), cell: (c) => c.name },
              { key: 'city', header: t('customers.city'), cell: (c) => `${c.billingAddress.postalCode} ${c.billingAddress.city}` },
              { key: 'vat', header: t('customers.vatTreatment'), cell: (c) => t(`vatTreatment.${c.vatTreatment}`) },
              { key: 'terms', header: t('customers.paymentTermsDays'), cell: (c) => c.paymentTermsDays, numeric: true },
              { key: 'limit', header: t('customers.creditLimit'), cell: (c) => (c.creditLimit ? f.money(c.creditLimit) : t('list.none')), numeric: true },
              { key: 'active', header: t('customers.active'), cell: (c) => (c.active ? t('common.yes') : t('common.no')) },
              {
                key: 'actions',
                header: t('list.actions'),
                cell: (c) => (
                  <Button kind="ghost" aria-label={`${t('list.edit')}: ${c.name}`} onClick={() => setEditing(c)}>
                    {may.sales ? t('list.edit') : t('list.open')}
                  </Button>
                ),
              },
            ]}
          />
        </div>
      )}
      {data && data.total > 0 && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
    </section>
  );
}
