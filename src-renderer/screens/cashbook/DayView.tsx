import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CashBookView, CashDayView } from '../../../src-shared/contract/index.js';
import { addDays } from '../../../src-shared/dates.js';
import { api } from '../../state/app.js';
import { useDataChanged, useErrorToast, useFormat } from '../../state/hooks.js';
import { Button } from '../../ui/controls.js';
import { ClosingPanel } from './ClosingPanel.js';
import { EntriesTable } from './EntriesTable.js';
import { EntryForm } from './EntryForm.js';
import { InputField } from './fields.js';

/**
 * One day of a cash book: the balance at its start, its entries with the running balance, the
 * balance at its end and whether it is closed; on the device that keeps the book, the entry form
 * and the daily closing while the day is open.
 */
export function DayView({ book, date, onDate }: { book: CashBookView; date: string; onDate(date: string): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const showError = useErrorToast();
  const [day, setDay] = useState<CashDayView | null>(null);
  const load = useCallback(async () => {
    const r = await api().invoke('cashbook.day', { cashBookId: book.id, date });
    if (r.ok) setDay(r.value);
    else showError(r.error);
  }, [book.id, date, showError]);
  useEffect(() => void load(), [load]);
  useDataChanged(['facts'], () => void load());
  // The last day loaded stays until the next one arrives, so that the entry form keeps its focus.
  const shown = day && day.cashBook.id === book.id ? day : null;
  const used = useMemo(() => [...(shown?.entries ?? [])].reverse().map((e) => e.category), [shown]);
  const canRecord = book.ownDevice && shown !== null && shown.closed === null;

  return (
    <div className="cash-day">
      <div className="toolbar">
        <Button kind="ghost" aria-label={t('cashbook.previousDay')} onClick={() => onDate(addDays(date, -1))}>
          ‹
        </Button>
        <InputField name="day" type="date" label={t('cashbook.day')} value={date} onChange={(v) => v && onDate(v)} />
        <Button kind="ghost" aria-label={t('cashbook.nextDay')} onClick={() => onDate(addDays(date, 1))}>
          ›
        </Button>
      </div>
      {shown && (
        <>
          <dl className="facts cash-balances">
            <dt>{t('cashbook.dayOpening')}</dt>
            <dd data-testid="cash-opening">{f.money(shown.opening)}</dd>
            <dt>{t('cashbook.dayClosing')}</dt>
            <dd data-testid="cash-closing">{f.money(shown.closing)}</dd>
          </dl>
          <p className={shown.closed ? 'notice' : 'hint'} role="status" data-testid="cash-day-state">
            {shown.closed
              ? t('cashbook.dayClosed', { counted: f.money(shown.closed.counted), difference: f.money(shown.closed.difference), user: shown.closed.userName, at: f.dateTime(shown.closed.closedAt) })
              : t('cashbook.dayOpen')}
          </p>
          {!book.ownDevice && <p className="hint">{t('cashbook.readOnly')}</p>}
          {canRecord && <EntryForm key={book.id} cashBookId={book.id} date={date} closedUntil={book.closedUntil} onDate={onDate} usedCategories={used} onRecorded={() => void load()} />}
          <h2>{t('cashbook.entries')}</h2>
          {shown.entries.length === 0 ? <p className="hint">{t('cashbook.noEntries')}</p> : <EntriesTable entries={shown.entries} canRecord={canRecord} onReversed={() => void load()} />}
          {canRecord && <ClosingPanel key={`${book.id}:${shown.date}`} day={shown} onClosed={setDay} />}
        </>
      )}
      {!shown && <p className="hint">{t('common.loading')}</p>}
    </div>
  );
}
