import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page, ProductView } from '../../../src-shared/contract/index.js';
import { useDebounced } from '../../editor/catalog.js';
import { api } from '../../state/app.js';
import { useDataChanged, useFormat, usePermissions } from '../../state/hooks.js';
import { Button, TextField, Toolbar } from '../../ui/controls.js';
import { EmptyState } from '../../ui/feedback.js';
import { Pager } from '../../ui/Pager.js';
import { Table } from '../../ui/Table.js';
import { ProductForm } from './ProductForm.js';
import { ReceiveStockDialog } from './ReceiveStockDialog.js';

const PAGE_SIZE = 50;

export function ProductsScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const may = usePermissions();
  const [search, setSearch] = useState('');
  const query = useDebounced(search);
  const [page, setPage] = useState(0);
  const [data, setData] = useState<Page<ProductView> | null>(null);
  const [editing, setEditing] = useState<ProductView | 'new' | null>(null);
  const [receiving, setReceiving] = useState<ProductView | null>(null);

  const load = useCallback(async () => {
    const result = await api().invoke('products.list', { search: query, page, pageSize: PAGE_SIZE });
    if (result.ok) setData(result.value);
  }, [query, page]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => setPage(0), [query]);
  // Stock levels are summed from stock movements, which are facts.
  useDataChanged(['products', 'facts'], () => void load());

  if (editing) return <ProductForm key={editing === 'new' ? 'new' : editing.id} product={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />;

  return (
    <section aria-labelledby="products-title">
      <h1 id="products-title">{t('products.title')}</h1>
      <Toolbar>
        <TextField name="search" type="search" label={t('list.search')} placeholder={t('products.searchHint')} value={search} onChange={setSearch} />
        <div className="toolbar-actions">
          {may.books && (
            <Button kind="primary" shortcut="new" onClick={() => setEditing('new')}>
              {t('products.new')}
            </Button>
          )}
        </div>
      </Toolbar>
      {data && data.total === 0 ? (
        <EmptyState title={t('products.title')} text={query ? t('list.nothingFound') : t('products.empty')} />
      ) : (
        <Table
          caption={t('products.title')}
          rows={data?.items ?? []}
          rowKey={(p) => p.id}
          columns={[
            { key: 'sku', header: t('products.sku'), cell: (p) => p.sku },
            { key: 'name', header: t('products.name'), cell: (p) => (p.active ? p.nameDe : `${p.nameDe} (${t('products.inactive')})`) },
            { key: 'unit', header: t('products.unit'), cell: (p) => t(`units.${p.unit}`, { defaultValue: p.unit }) },
            { key: 'price', header: t('products.netPrice'), cell: (p) => f.price(p.netPrice, p.currency), numeric: true },
            { key: 'vat', header: t('lines.vat'), cell: (p) => f.decimal(p.vatRate), numeric: true },
            {
              key: 'stock',
              header: t('products.stockColumn'),
              numeric: true,
              cell: (p) =>
                p.stock ? (
                  <span className="stock-levels">
                    {f.decimal(p.stock.onHand)} / {f.decimal(p.stock.reserved)} / <span className={p.stock.available.startsWith('-') ? 'negative' : 'stock-available'}>{f.decimal(p.stock.available)}</span>
                  </span>
                ) : (
                  t('list.none')
                ),
            },
            {
              key: 'actions',
              header: t('list.actions'),
              cell: (p) => (
                <span className="row-actions">
                  <Button kind="ghost" aria-label={`${t('list.edit')}: ${p.sku}`} onClick={() => setEditing(p)}>
                    {may.books ? t('list.edit') : t('list.open')}
                  </Button>
                  {may.books && p.stockTracked && (
                    <Button kind="ghost" aria-label={`${t('products.receiveStock')}: ${p.sku}`} onClick={() => setReceiving(p)}>
                      {t('products.receiveStock')}
                    </Button>
                  )}
                </span>
              ),
            },
          ]}
        />
      )}
      {data && data.total > 0 && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
      {receiving && <ReceiveStockDialog product={receiving} onClose={() => setReceiving(null)} />}
    </section>
  );
}
