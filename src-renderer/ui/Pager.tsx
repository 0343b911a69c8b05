import { useTranslation } from 'react-i18next';
import { Button } from './controls.js';

/** Previous / next through a paged list, with "page x of y". */
export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage(page: number): void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label={t('list.pageOf', { page: page + 1, pages, count: total })}>
      <Button kind="ghost" disabled={page <= 0} onClick={() => onPage(page - 1)}>
        ‹ {t('list.previous')}
      </Button>
      <span className="pager-status">{t('list.pageOf', { page: page + 1, pages, count: total })}</span>
      <Button kind="ghost" disabled={page + 1 >= pages} onClick={() => onPage(page + 1)}>
        {t('list.next')} ›
      </Button>
    </nav>
  );
}
