import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CashBookView, CashDayView, CashMonthView, CashTotals } from '../../../src-shared/contract/index.js';
import { api } from '../../state/app.js';
import { useDataChanged, useErrorToast, useFormat } from '../../state/hooks.js';
import { Button } from '../../ui/controls.js';
import { Table } from '../../ui/Table.js';
import { download } from '../invoices/DocumentsPanel.js';
import { InputField } from './fields.js';

/** What came in and what went out on a day: the sums of its signed entries (integer cents). */
function dayFlows(day: CashDayView): { in: number; out: number } {
  let cashIn = 0;
  let cashOut = 0;
  for (const e of day.entries) {
    if (e.type === 'opening') continue;
    if (e.amount > 0) cashIn += e.amount;
    else cashOut -= e.amount;
  }
  return { in: cashIn, out: cashOut };
}

const TOTALS: (keyof Omit<CashTotals, 'vat'>)[] = ['income', 'expense', 'privateDeposits', 'privateWithdrawals', 'transitIn', 'transitOut', 'differences'];

/** A month of a cash book: each day's flows and end balance, the month's totals and VAT by rate, its PDF. */
export function MonthView({ book, month, onMonth, onDay }: { book: CashBookView; month: string; onMonth(month: string): void; onDay(date: string): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const showError = useErrorToast();
  const [data, setData] = useState<CashMonthView | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    const r = await api().invoke('cashbook.month', { cashBookId: book.id, month });
    if (r.ok) setData(r.value);
    else showError(r.error);
  }, [book.id, month, showError]);
  useEffect(() => void load(), [load]);
  useDataChanged(['facts'], () => void load());
  const pdf = async () => {
    setBusy(true);
    const r = await api().invoke('cashbook.pdf', { cashBookId: book.id, month });
    setBusy(false);
    if (r.ok) download(r.value.fileName, r.value.mimeType, r.value.dataBase64);
    else showError(r.error);
  };

  return (
    <div className="cash-month">
      <div className="toolbar">
        <InputField name="month" type="month" label={t('cashbook.month')} value={month} onChange={(v) => v && onMonth(v)} />
        <div className="toolbar-actions">
          <Button busy={busy} onClick={() => void pdf()}>
            {t('cashbook.pdf')}
          </Button>
        </div>
      </div>
      {data && data.month === month && (
        <>
          <dl className="facts">
            <dt>{t('cashbook.monthOpening')}</dt>
            <dd data-testid="cash-month-opening">{f.money(data.opening)}</dd>
            <dt>{t('cashbook.monthClosing')}</dt>
            <dd data-testid="cash-month-closing">{f.money(data.closing)}</dd>
          </dl>
          {data.days.length === 0 ? (
            <p className="hint">{t('cashbook.monthEmpty')}</p>
          ) : (
            <Table
              caption={t('cashbook.monthDays')}
              rows={data.days}
              rowKey={(d) => d.date}
              columns={[
                {
                  key: 'date',
                  header: t('cashbook.date'),
                  cell: (d) => (
                    <button type="button" className="link-button" onClick={() => onDay(d.date)}>
                      {f.date(d.date)}
                    </button>
                  ),
                },
                { key: 'count', header: t('cashbook.entryCount'), cell: (d) => d.entries.length, numeric: true },
                { key: 'in', header: t('cashbook.dayIn'), cell: (d) => f.money(dayFlows(d).in), numeric: true },
                { key: 'out', header: t('cashbook.dayOut'), cell: (d) => f.money(dayFlows(d).out), numeric: true },
                { key: 'closing', header: t('cashbook.dayClosing'), cell: (d) => f.money(d.closing), numeric: true },
                { key: 'closed', header: t('cashbook.closedShort'), cell: (d) => (d.closed ? t('cashbook.yes') : t('cashbook.no')) },
              ]}
            />
          )}
          <h2>{t('cashbook.monthTotals')}</h2>
          <table className="totals cash-totals">
            <caption className="visually-hidden">{t('cashbook.monthTotals')}</caption>
            <tbody>
              {TOTALS.map((key) => (
                <tr key={key}>
                  <th scope="row">{t(`cashbook.totals.${key}`)}</th>
                  <td>{f.money(data.totals[key])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.totals.vat.length > 0 && <h2>{t('cashbook.vatTable')}</h2>}
          {data.totals.vat.length > 0 && (
            <Table
              caption={t('cashbook.vatTable')}
              rows={data.totals.vat}
              rowKey={(v) => `${v.direction}:${v.rate}`}
              columns={[
                { key: 'direction', header: t('cashbook.type'), cell: (v) => t(`cashbook.vatDirection.${v.direction}`) },
                { key: 'rate', header: t('cashbook.rate'), cell: (v) => `${v.rate} %`, numeric: true },
                { key: 'gross', header: t('cashbook.gross'), cell: (v) => f.money(v.gross), numeric: true },
                { key: 'net', header: t('cashbook.net'), cell: (v) => f.money(v.net), numeric: true },
                { key: 'vat', header: t('cashbook.vat'), cell: (v) => f.money(v.vat), numeric: true },
              ]}
            />
          )}
        </>
      )}
    </div>
  );
}
